import { describe, expect, it } from "vitest";
import { acknowledgeAlert, initialAlertState, stepAlert } from "./alert-state";
import { at, type Evaluation, notices, RULE, runAlert, statuses } from "./alert-test-helpers";

const holds = (minutes: number[]): Evaluation[] =>
  minutes.map((minute) => ({ minute, holds: true }));

describe("stepAlert: pending period and firing", () => {
  it.each<[number, boolean[], string[], string[]]>([
    [1, [true], ["firing"], ["0:firing"]],
    [1, [false, true], ["normal", "firing"], ["1:firing"]],
    [2, [true], ["pending"], []],
    [2, [true, true], ["pending", "firing"], ["1:firing"]],
    [3, [true, true, true], ["pending", "pending", "firing"], ["2:firing"]],
    [
      3,
      [true, true, false, true, true],
      ["pending", "pending", "normal", "pending", "pending"],
      [],
    ],
    [2, [true, false, true, true], ["pending", "normal", "pending", "firing"], ["3:firing"]],
  ])("for=%i, holds %j → %j", (forCount, pattern, expectedStatuses, expectedNotices) => {
    const steps = runAlert(
      pattern.map((h, minute) => ({ minute, holds: h })),
      { ...RULE, for: forCount },
    );
    expect(statuses(steps)).toEqual(expectedStatuses);
    expect(notices(steps)).toEqual(expectedNotices);
  });

  it("reports transitions, and none while the status stays", () => {
    const steps = runAlert(
      [true, true, true, false, false].map((h, minute) => ({ minute, holds: h })),
      { ...RULE, for: 2 },
    );
    expect(steps.map((s) => s.transition)).toEqual([
      { from: "normal", to: "pending" },
      { from: "pending", to: "firing" },
      null,
      { from: "firing", to: "normal" },
      null,
    ]);
  });

  it("records when it fired and since when each status holds", () => {
    const steps = runAlert(holds([0, 5, 10]), { ...RULE, for: 2 });
    expect(steps[0]?.state).toMatchObject({ status: "pending", since: at(0), consecutive: 1 });
    expect(steps[1]?.state).toMatchObject({ status: "firing", since: at(5), firedAt: at(5) });
    expect(steps[2]?.state).toMatchObject({ since: at(5), consecutive: 3, lastNotifiedAt: at(5) });
  });

  it("starts from normal without a previous state", () => {
    expect(stepAlert(undefined, { holds: false, now: at(0), rule: RULE })).toEqual({
      state: initialAlertState(at(0)),
      notifications: [],
      transition: null,
    });
  });

  it("notifies once per evaluation whatever the condition did in between", () => {
    // A value that goes red, green and red again between two evaluations is seen once.
    const steps = runAlert(holds([0, 0, 0]));
    expect(notices(steps)).toEqual(["0:firing"]);
    expect(steps.every((s) => s.notifications.length <= 1)).toBe(true);
  });
});

describe("stepAlert: repeat interval", () => {
  it.each<[string, number, string[]]>([
    ["before the interval", 59, []],
    ["at the interval", 60, ["60:repeat"]],
    ["after the interval", 61, ["61:repeat"]],
  ])("%s", (_label, minute, expected) => {
    const steps = runAlert(holds([0, minute]));
    expect(notices(steps).slice(1)).toEqual(expected);
  });

  it("measures from the last notification, not the last evaluation", () => {
    const steps = runAlert(holds([0, 30, 59, 60, 90, 119, 120]));
    expect(notices(steps)).toEqual(["0:firing", "60:repeat", "120:repeat"]);
  });
});

describe("stepAlert: resolve", () => {
  it.each<[boolean, string[]]>([
    [true, ["0:firing", "5:resolved"]],
    [false, ["0:firing"]],
  ])("sendResolved=%s", (sendResolved, expected) => {
    const steps = runAlert(
      [
        { minute: 0, holds: true },
        { minute: 5, holds: false },
        { minute: 6, holds: false },
      ],
      { ...RULE, sendResolved },
    );
    expect(statuses(steps)).toEqual(["firing", "normal", "normal"]);
    expect(notices(steps)).toEqual(expected);
  });

  it("clears from pending silently", () => {
    const steps = runAlert(
      [
        { minute: 0, holds: true },
        { minute: 1, holds: false },
      ],
      { ...RULE, for: 3 },
    );
    expect(steps[1]).toMatchObject({ transition: { from: "pending", to: "normal" } });
    expect(notices(steps)).toEqual([]);
  });

  it("fires again after a resolve with a new firing notice", () => {
    const steps = runAlert([
      { minute: 0, holds: true },
      { minute: 5, holds: false },
      { minute: 10, holds: true },
    ]);
    expect(notices(steps)).toEqual(["0:firing", "5:resolved", "10:firing"]);
    expect(steps[2]?.state.firedAt).toBe(at(10));
  });
});

describe("stepAlert: silence", () => {
  it("sends nothing while silenced but still moves the state", () => {
    const steps = runAlert(
      [
        { minute: 0, holds: true, silencedUntil: 100 },
        { minute: 70, holds: true, silencedUntil: 100 },
        { minute: 80, holds: false, silencedUntil: 100 },
      ],
      RULE,
    );
    expect(statuses(steps)).toEqual(["firing", "firing", "normal"]);
    expect(notices(steps)).toEqual([]);
  });

  it("repeats per interval once a silence ends on a still-firing alert", () => {
    const steps = runAlert([
      { minute: 0, holds: true },
      { minute: 10, holds: true, silencedUntil: 150 },
      { minute: 70, holds: true, silencedUntil: 150 },
      { minute: 149, holds: true, silencedUntil: 150 },
      { minute: 150, holds: true, silencedUntil: 150 },
      { minute: 180, holds: true },
      { minute: 210, holds: true },
    ]);
    expect(notices(steps)).toEqual(["0:firing", "150:repeat", "210:repeat"]);
  });

  it("sends the firing notice it held back once the silence ends", () => {
    const steps = runAlert([
      { minute: 0, holds: true, silencedUntil: 20 },
      { minute: 10, holds: true, silencedUntil: 20 },
      { minute: 20, holds: true, silencedUntil: 20 },
      { minute: 30, holds: true },
    ]);
    expect(notices(steps)).toEqual(["20:firing"]);
    expect(steps[2]?.notifications[0]).toEqual({ kind: "firing", at: at(20), firedAt: at(0) });
  });

  it("sends no resolved notice for an alert nobody was told of", () => {
    const steps = runAlert([
      { minute: 0, holds: true, silencedUntil: 20 },
      { minute: 30, holds: false },
    ]);
    expect(notices(steps)).toEqual([]);
  });
});

describe("acknowledgeAlert", () => {
  const ack = { by: "manager1", comment: "on it", at: at(5) };
  const firing = runAlert(holds([0]))[0]?.state ?? initialAlertState(at(0));

  it("refuses an alert that is not firing", () => {
    expect(acknowledgeAlert(initialAlertState(at(0)), ack)).toEqual({
      ok: false,
      code: "alert_not_firing",
    });
  });

  it("holds back repeats but not the resolved notice", () => {
    const result = acknowledgeAlert(firing, ack);
    if (!result.ok) throw new Error("expected ok");
    expect(result.state.acknowledged).toEqual(ack);
    const steps = runAlert(
      [
        { minute: 60, holds: true },
        { minute: 200, holds: true },
        { minute: 210, holds: false },
      ],
      RULE,
      result.state,
    );
    expect(notices(steps)).toEqual(["210:resolved"]);
    expect(steps[2]?.state.acknowledged).toEqual(ack);
  });

  it("is cleared when the alert fires again", () => {
    const result = acknowledgeAlert(firing, ack);
    if (!result.ok) throw new Error("expected ok");
    const steps = runAlert(
      [
        { minute: 10, holds: false },
        { minute: 20, holds: true },
        { minute: 80, holds: true },
      ],
      RULE,
      result.state,
    );
    expect(steps[1]?.state.acknowledged).toBeUndefined();
    expect(notices(steps)).toEqual(["10:resolved", "20:firing", "80:repeat"]);
  });
});
