import { describe, expect, it } from "vitest";
import {
  type AlertCondition,
  type AlertRuleInput,
  type AlertScope,
  alertRuleSchema,
  evaluateCondition,
  matchesScope,
} from "./alert-rules";
import type { CurrentLevel, TrajectoryLevel } from "./status-types";

const base: AlertRuleInput = {
  name: "Red nationally",
  scope: { indicators: "all", regions: "national" },
  condition: { kind: "status_is", levels: ["red", "overdue"] },
  channels: ["email", "in_app"],
  recipients: { roles: ["manager"] },
};

describe("alertRuleSchema", () => {
  it("applies the defaults", () => {
    const rule = alertRuleSchema.parse(base);
    expect(rule).toMatchObject({
      for: 1,
      repeatIntervalMinutes: 1440,
      sendResolved: true,
      enabled: true,
      recipients: { roles: ["manager"] },
      locale: "en",
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ["no channel", { channels: [] }],
    ["unknown channel", { channels: ["sms"] }],
    ["for of 0", { for: 0 }],
    ["fractional for", { for: 1.5 }],
    ["empty level list", { condition: { kind: "status_is", levels: [] } }],
    ["unknown level", { condition: { kind: "status_is", levels: ["purple"] } }],
    ["trajectory level on status_is", { condition: { kind: "status_is", levels: ["off_track"] } }],
    ["unknown condition", { condition: { kind: "value_between", value: 1 } }],
    ["value missing", { condition: { kind: "value_above" } }],
    ["infinite value", { condition: { kind: "value_below", value: Number.POSITIVE_INFINITY } }],
    ["bad region", { scope: { indicators: "all", regions: { region: "almaty" } } }],
    ["empty direction", { scope: { indicators: { direction: " " }, regions: "all" } }],
    ["blank name", { name: "  " }],
    ["repeat of 0", { repeatIntervalMinutes: 0 }],
    ["extra key", { severity: "high" }],
    ["email with nobody to tell", { recipients: {} }],
    ["in-app to bare addresses", { channels: ["in_app"], recipients: { addresses: ["a@b.kz"] } }],
    ["webhook without a URL", { channels: ["webhook"], recipients: { roles: ["manager"] } }],
    [
      "webhook that is not http",
      { channels: ["webhook"], recipients: { webhooks: ["ftp://x/y"] } },
    ],
    ["address that is no e-mail", { recipients: { addresses: ["someone"] } }],
    ["unknown role", { recipients: { roles: ["minister"] } }],
    ["unknown locale", { locale: "de" }],
  ])("rejects %s", (_label, patch) => {
    expect(alertRuleSchema.safeParse({ ...base, ...patch }).success).toBe(false);
  });

  it.each<[string, Record<string, unknown>]>([
    ["trajectory_is", { condition: { kind: "trajectory_is", levels: ["off_track"] } }],
    ["value_above", { condition: { kind: "value_above", value: 12.5 } }],
    ["overdue", { condition: { kind: "overdue" } }],
    ["one region", { scope: { indicators: { indicator: "IMR" }, regions: { region: "KZ-ALA" } } }],
    ["recipients", { recipients: { users: ["u1"], addresses: ["a@example.org"] } }],
    ["email to addresses only", { channels: ["email"], recipients: { addresses: ["a@b.kz"] } }],
    [
      "a webhook",
      { channels: ["webhook"], recipients: { webhooks: ["https://hooks.example.org/spm"] } },
    ],
  ])("accepts %s", (_label, patch) => {
    expect(alertRuleSchema.safeParse({ ...base, ...patch }).success).toBe(true);
  });
});

describe("matchesScope", () => {
  const imr = { code: "IMR", direction: "HEALTH" };
  it.each<[AlertScope, string, boolean]>([
    [{ indicators: "all", regions: "national" }, "KZ", true],
    [{ indicators: "all", regions: "national" }, "KZ-ALA", false],
    [{ indicators: "all", regions: "all" }, "KZ", true],
    [{ indicators: "all", regions: "all" }, "KZ-ALA", true],
    [{ indicators: "all", regions: { region: "KZ-ALA" } }, "KZ-ALA", true],
    [{ indicators: "all", regions: { region: "KZ-ALA" } }, "KZ-AST", false],
    [{ indicators: "all", regions: { region: "KZ-ALA" } }, "KZ", false],
    [{ indicators: { direction: "HEALTH" }, regions: "all" }, "KZ", true],
    [{ indicators: { direction: "EDU" }, regions: "all" }, "KZ", false],
    [{ indicators: { indicator: "IMR" }, regions: "all" }, "KZ", true],
    [{ indicators: { indicator: "MMR" }, regions: "all" }, "KZ", false],
    [{ indicators: { indicator: "HEALTH" }, regions: "all" }, "KZ", false],
  ])("%j at %s → %s", (scope, region, expected) => {
    expect(matchesScope({ scope }, imr, region, "KZ")).toBe(expected);
  });
});

describe("evaluateCondition", () => {
  const status = (level: CurrentLevel, actual: number | null, trajectory: TrajectoryLevel) => ({
    current: { level, actual },
    trajectory: { level: trajectory },
  });
  it.each<[AlertCondition, ReturnType<typeof status>, boolean]>([
    [{ kind: "status_is", levels: ["red"] }, status("red", 1, "on_track"), true],
    [{ kind: "status_is", levels: ["red"] }, status("amber", 1, "on_track"), false],
    [{ kind: "status_is", levels: ["red", "overdue"] }, status("overdue", null, "on_track"), true],
    [{ kind: "trajectory_is", levels: ["off_track"] }, status("green", 1, "off_track"), true],
    [{ kind: "trajectory_is", levels: ["off_track"] }, status("red", 1, "on_track"), false],
    [{ kind: "value_above", value: 10 }, status("green", 10.01, "on_track"), true],
    [{ kind: "value_above", value: 10 }, status("green", 10, "on_track"), false],
    [{ kind: "value_above", value: -1 }, status("grey", null, "not_available"), false],
    [{ kind: "value_below", value: 10 }, status("green", 9.99, "on_track"), true],
    [{ kind: "value_below", value: 10 }, status("green", 10, "on_track"), false],
    [{ kind: "value_below", value: 1e9 }, status("grey", null, "not_available"), false],
    [{ kind: "overdue" }, status("overdue", null, "not_available"), true],
    [{ kind: "overdue" }, status("red", 3, "off_track"), false],
  ])("%j on %j → %s", (condition, s, holds) => {
    expect(evaluateCondition(condition, s)).toEqual({ holds, value: s.current.actual });
  });
});
