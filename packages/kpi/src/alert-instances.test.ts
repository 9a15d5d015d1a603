import { describe, expect, it } from "vitest";
import { alertInstanceKey, parseAlertInstanceKey, reconcileRuleEdit } from "./alert-instances";
import type { AlertScope } from "./alert-rules";
import { type AlertState, initialAlertState } from "./alert-state";
import { at } from "./alert-test-helpers";

const firing: AlertState = {
  status: "firing",
  consecutive: 3,
  firedAt: at(0),
  lastNotifiedAt: at(0),
  since: at(0),
};
const pending: AlertState = { ...initialAlertState(at(0)), status: "pending", consecutive: 1 };

const states = new Map<string, AlertState>([
  [alertInstanceKey("IMR", "KZ"), firing],
  [alertInstanceKey("IMR", "KZ-ALA"), pending],
  [alertInstanceKey("LIT", "KZ"), firing],
  [alertInstanceKey("GONE", "KZ"), firing],
  ["not-a-key", firing],
]);
const context = {
  indicators: [
    { code: "IMR", direction: "HEALTH" },
    { code: "LIT", direction: "EDU" },
  ],
  nationCode: "KZ",
};

describe("alert instance keys", () => {
  it("round-trip", () => {
    expect(parseAlertInstanceKey(alertInstanceKey("IMR", "KZ-ALA"))).toEqual({
      indicator: "IMR",
      region: "KZ-ALA",
    });
  });
  it.each(["", "IMR", "IMR|", "|KZ", "A|B|C"])("rejects %j", (key) => {
    expect(parseAlertInstanceKey(key)).toBeNull();
  });
});

describe("reconcileRuleEdit", () => {
  it.each<[string, AlertScope, string[], string[]]>([
    [
      "narrowed to national health",
      { indicators: { direction: "HEALTH" }, regions: "national" },
      ["IMR|KZ"],
      ["IMR|KZ-ALA", "LIT|KZ", "GONE|KZ", "not-a-key"],
    ],
    [
      "widened to everything",
      { indicators: "all", regions: "all" },
      ["IMR|KZ", "IMR|KZ-ALA", "LIT|KZ"],
      ["GONE|KZ", "not-a-key"],
    ],
    [
      "moved to one region",
      { indicators: { indicator: "IMR" }, regions: { region: "KZ-ALA" } },
      ["IMR|KZ-ALA"],
      ["IMR|KZ", "LIT|KZ", "GONE|KZ", "not-a-key"],
    ],
  ])("%s", (_label, scope, kept, dropped) => {
    const result = reconcileRuleEdit(states, { scope }, context);
    expect([...result.kept.keys()]).toEqual(kept);
    expect(result.dropped).toEqual(dropped);
    for (const key of kept) expect(result.kept.get(key)).toBe(states.get(key));
  });
});
