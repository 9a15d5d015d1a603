import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlertState, type AlertStep, acknowledgeAlert, stepAlert } from "./alert-state";
import { at } from "./alert-test-helpers";

const evaluationArb = fc.record({
  gap: fc.integer({ min: 0, max: 200 }),
  holds: fc.boolean(),
  silenceFor: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  acknowledge: fc.boolean(),
});

const runArb = fc.record({
  rule: fc.record({
    for: fc.integer({ min: 1, max: 5 }),
    repeatIntervalMinutes: fc.integer({ min: 1, max: 300 }),
    sendResolved: fc.boolean(),
  }),
  evaluations: fc.array(evaluationArb, { maxLength: 60 }),
});

type RunInput = typeof runArb extends fc.Arbitrary<infer T> ? T : never;
type Run = { steps: AlertStep[]; holds: boolean[] };

/** Plays a random run: time moves on by `gap`, silences start at the step, acks come before it. */
function play({ rule, evaluations }: RunInput): Run {
  const steps: AlertStep[] = [];
  let state: AlertState | undefined;
  let minute = 0;
  let silencedUntil: string | null = null;
  for (const e of evaluations) {
    minute += e.gap;
    if (e.silenceFor !== undefined) silencedUntil = at(minute + e.silenceFor);
    if (state && e.acknowledge) {
      const acked = acknowledgeAlert(state, { by: "m", comment: "", at: at(minute) });
      if (acked.ok) state = acked.state;
    }
    const step = stepAlert(state, { holds: e.holds, now: at(minute), rule, silencedUntil });
    steps.push(step);
    state = step.state;
  }
  return { steps, holds: evaluations.map((e) => e.holds) };
}

describe("stepAlert properties", () => {
  it("never sends two firing notices without going back to normal in between", () => {
    fc.assert(
      fc.property(runArb, (input) => {
        let announced = false;
        for (const step of play(input).steps) {
          for (const n of step.notifications) {
            if (n.kind === "firing") {
              expect(announced).toBe(false);
              announced = true;
            }
          }
          if (step.state.status === "normal") announced = false;
        }
      }),
    );
  });

  it("never sends more resolved notices than firing ones, at any point of a run", () => {
    fc.assert(
      fc.property(runArb, (input) => {
        let firing = 0;
        let resolved = 0;
        for (const step of play(input).steps) {
          for (const n of step.notifications) {
            if (n.kind === "firing") firing += 1;
            if (n.kind === "resolved") resolved += 1;
          }
          expect(resolved).toBeLessThanOrEqual(firing);
        }
      }),
    );
  });

  it("with for = k, fires only after k consecutive holds", () => {
    fc.assert(
      fc.property(runArb, (input) => {
        const { steps, holds } = play(input);
        steps.forEach((step, i) => {
          if (step.transition?.to !== "firing") return;
          const k = input.rule.for;
          expect(i + 1).toBeGreaterThanOrEqual(k);
          expect(holds.slice(i + 1 - k, i + 1).every(Boolean)).toBe(true);
        });
      }),
    );
  });

  it("sends at most one notification per evaluation, and only a firing notice while firing", () => {
    fc.assert(
      fc.property(runArb, (input) => {
        for (const step of play(input).steps) {
          expect(step.notifications.length).toBeLessThanOrEqual(1);
          const kind = step.notifications[0]?.kind;
          if (kind === "resolved") expect(step.state.status).toBe("normal");
          if (kind === "firing" || kind === "repeat") expect(step.state.status).toBe("firing");
        }
      }),
    );
  });

  it("spaces notices of one firing at least repeatIntervalMinutes apart", () => {
    fc.assert(
      fc.property(runArb, (input) => {
        let last: number | null = null;
        for (const step of play(input).steps) {
          const n = step.notifications[0];
          if (n?.kind === "repeat") {
            expect(last).not.toBeNull();
            const gap = (Date.parse(n.at) - (last ?? 0)) / 60_000;
            expect(gap).toBeGreaterThanOrEqual(input.rule.repeatIntervalMinutes);
          }
          if (n) last = Date.parse(n.at);
        }
      }),
    );
  });
});
