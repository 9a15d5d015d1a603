/**
 * The alert state machine of DESIGN.md ("Alerts"): `normal → pending → firing → normal` for one
 * rule × indicator × region. One call of `stepAlert` is one evaluation, so it returns at most one
 * notification: values that flap within an evaluation are seen once and can never notify twice.
 */

/** An ISO 8601 timestamp (`2024-05-01T10:00:00Z`); time always comes in as an argument. */
export type IsoTimestamp = string;

/** The statuses of an alert instance, in the order it goes through them. */
export const ALERT_STATUSES = ["normal", "pending", "firing"] as const;
/** One status of an alert instance. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Who acknowledged a firing alert, when, and why. */
export interface AlertAcknowledgement {
  by: string;
  comment: string;
  at: IsoTimestamp;
}

/** The stored state of one rule × indicator × region alert instance. */
export interface AlertState {
  status: AlertStatus;
  /** Consecutive evaluations the condition has held (0 once it clears). */
  consecutive: number;
  /** When the current (or, once resolved, the last) firing began. */
  firedAt: IsoTimestamp | null;
  /** When a notification was last sent; null while firing means the firing notice is owed. */
  lastNotifiedAt: IsoTimestamp | null;
  /** Kept through the resolve for the record; cleared when the alert fires again. */
  acknowledged?: AlertAcknowledgement;
  /** When the current status began. */
  since: IsoTimestamp;
}

/** A notification to send; `firedAt` says which firing it is about. */
export type AlertNotification =
  | { kind: "firing"; at: IsoTimestamp; firedAt: IsoTimestamp }
  | { kind: "repeat"; at: IsoTimestamp; firedAt: IsoTimestamp }
  | { kind: "resolved"; at: IsoTimestamp; firedAt: IsoTimestamp };

/** One evaluation: whether the condition holds, the time, and the rule's timing. */
export interface AlertStepInput {
  holds: boolean;
  now: IsoTimestamp;
  rule: { for: number; repeatIntervalMinutes: number; sendResolved: boolean };
  /** Notifications (not state changes) are held back while `now` is before this time. */
  silencedUntil?: IsoTimestamp | null;
}

/** The outcome of one evaluation. */
export interface AlertStep {
  state: AlertState;
  /** At most one notification: one evaluation is one step. */
  notifications: AlertNotification[];
  transition: null | { from: AlertStatus; to: AlertStatus };
}

/** An acknowledged state, or why the alert cannot be acknowledged. */
export type AcknowledgeResult =
  | { ok: true; state: AlertState }
  | { ok: false; code: "alert_not_firing" };

const MS_PER_MINUTE = 60_000;

/** The state of an instance that has never been evaluated. */
export function initialAlertState(now: IsoTimestamp): AlertState {
  return { status: "normal", consecutive: 0, firedAt: null, lastNotifiedAt: null, since: now };
}

/** Whether notifications are held back at `now` by a silence-until time. */
export function isSilenced(
  silencedUntil: IsoTimestamp | null | undefined,
  now: IsoTimestamp,
): boolean {
  return silencedUntil != null && Date.parse(now) < Date.parse(silencedUntil);
}

/** Advances one alert instance by one evaluation and says which notification to send, if any. */
export function stepAlert(previous: AlertState | undefined, input: AlertStepInput): AlertStep {
  const prev = previous ?? initialAlertState(input.now);
  const next = input.holds ? stepHolding(prev, input) : stepCleared(prev, input);
  const transition =
    next.state.status === prev.status ? null : { from: prev.status, to: next.state.status };
  return {
    state: next.state,
    notifications: next.notification ? [next.notification] : [],
    transition,
  };
}

type StepOutcome = { state: AlertState; notification: AlertNotification | null };

function stepHolding(prev: AlertState, input: AlertStepInput): StepOutcome {
  const { now } = input;
  const consecutive = prev.consecutive + 1;
  const silenced = isSilenced(input.silencedUntil, now);
  if (prev.status !== "firing") {
    if (consecutive < Math.max(1, input.rule.for)) {
      const since = prev.status === "pending" ? prev.since : now;
      return { state: { ...prev, status: "pending", consecutive, since }, notification: null };
    }
    // A new firing: a fresh episode, so an earlier acknowledgement no longer applies.
    const { acknowledged: _cleared, ...rest } = prev;
    const state: AlertState = {
      ...rest,
      status: "firing",
      consecutive,
      firedAt: now,
      lastNotifiedAt: silenced ? null : now,
      since: now,
    };
    return { state, notification: silenced ? null : { kind: "firing", at: now, firedAt: now } };
  }
  const firedAt = prev.firedAt ?? prev.since;
  const state: AlertState = { ...prev, consecutive, firedAt };
  if (silenced || prev.acknowledged) return { state, notification: null };
  if (prev.lastNotifiedAt === null) {
    // The firing notice was silenced: recipients have not heard of this alert yet.
    return {
      state: { ...state, lastNotifiedAt: now },
      notification: { kind: "firing", at: now, firedAt },
    };
  }
  const elapsed = Date.parse(now) - Date.parse(prev.lastNotifiedAt);
  if (elapsed < input.rule.repeatIntervalMinutes * MS_PER_MINUTE)
    return { state, notification: null };
  return {
    state: { ...state, lastNotifiedAt: now },
    notification: { kind: "repeat", at: now, firedAt },
  };
}

function stepCleared(prev: AlertState, input: AlertStepInput): StepOutcome {
  const { now } = input;
  if (prev.status === "normal") return { state: { ...prev, consecutive: 0 }, notification: null };
  const state: AlertState = { ...prev, status: "normal", consecutive: 0, since: now };
  if (prev.status === "pending") return { state, notification: null };
  // Resolved notices go only to those told it fired, so they never outnumber firing notices.
  const told = prev.lastNotifiedAt !== null;
  if (!input.rule.sendResolved || !told || isSilenced(input.silencedUntil, now)) {
    return { state, notification: null };
  }
  const firedAt = prev.firedAt ?? prev.since;
  return {
    state: { ...state, lastNotifiedAt: now },
    notification: { kind: "resolved", at: now, firedAt },
  };
}

/**
 * Acknowledges a firing alert with a comment, which holds back its repeats (not its resolved
 * notice) until it resolves.
 */
export function acknowledgeAlert(
  state: AlertState,
  ack: { by: string; comment: string; at: IsoTimestamp },
): AcknowledgeResult {
  if (state.status !== "firing") return { ok: false, code: "alert_not_firing" };
  return { ok: true, state: { ...state, acknowledged: { ...ack } } };
}
