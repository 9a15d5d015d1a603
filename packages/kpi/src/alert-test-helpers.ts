/** Helpers for the alert tests: minute-based timestamps and runs of evaluations. */
import {
  type AlertState,
  type AlertStep,
  type AlertStepInput,
  type IsoTimestamp,
  stepAlert,
} from "./alert-state";

const EPOCH = Date.UTC(2024, 0, 1);

/** The timestamp `minutes` after 2024-01-01T00:00:00Z. */
export function at(minutes: number): IsoTimestamp {
  return new Date(EPOCH + minutes * 60_000).toISOString();
}

export type AlertRuleTiming = AlertStepInput["rule"];

export const RULE: AlertRuleTiming = { for: 1, repeatIntervalMinutes: 60, sendResolved: true };

export interface Evaluation {
  minute: number;
  holds: boolean;
  silencedUntil?: number;
}

/** Runs evaluations in order from `start` and returns every step. */
export function runAlert(
  evaluations: readonly Evaluation[],
  rule: AlertRuleTiming = RULE,
  start?: AlertState,
): AlertStep[] {
  const steps: AlertStep[] = [];
  let state = start;
  for (const e of evaluations) {
    const silencedUntil = e.silencedUntil === undefined ? null : at(e.silencedUntil);
    const step = stepAlert(state, { holds: e.holds, now: at(e.minute), rule, silencedUntil });
    steps.push(step);
    state = step.state;
  }
  return steps;
}

/** The kinds of the notifications of a run, as `minute:kind` strings. */
export function notices(steps: readonly AlertStep[]): string[] {
  return steps.flatMap((s) =>
    s.notifications.map((n) => `${(Date.parse(n.at) - EPOCH) / 60_000}:${n.kind}`),
  );
}

/** The status after each step of a run. */
export function statuses(steps: readonly AlertStep[]): string[] {
  return steps.map((s) => s.state.status);
}
