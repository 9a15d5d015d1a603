import { describe, expect, it } from "vitest";
import { explainStatus } from "./explain";
import { programDefinitionSchema } from "./program";
import { computeStatus } from "./status";
import type { StatusIndicator, TrajectoryStatus } from "./status-types";
import { query, SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";

// The `statcan` trajectory through computeStatus. Target 161.051 (2022) = 100·1.1^5 from 100
// (2017): P is the observed yearly growth over 10%.
const STATCAN: Partial<StatusIndicator> = {
  unit: "number",
  trajectory: "statcan",
  baseline: { year: 2017, value: 100 },
  targets: { 2018: 110, 2019: 115, 2022: 161.051 },
};
const MONITOR: Partial<StatusIndicator> = {
  unit: "percent",
  polarity: "monitor",
  targets: {},
  baseline: { year: 2017, value: 90 },
  trend: { method: "statcan", direction: "increase" },
};

type Case = [string, Partial<StatusIndicator>, [number, number][], Partial<TrajectoryStatus>];

describe("trajectory: statcan", () => {
  it.each<Case>([
    [
      "8% a year: moderate progress → acceleration needed",
      STATCAN,
      [[2019, 116.64]],
      {
        level: "acceleration_needed",
        progressStatus: "moderate_progress",
        reason: "progress_measure",
      },
    ],
    [
      "10% a year: substantial → on track",
      STATCAN,
      [[2019, 121]],
      { level: "on_track", progressStatus: "substantial_progress", progress: 1 },
    ],
    [
      "−2% a year: deterioration → off track",
      STATCAN,
      [[2019, 96.04]],
      { level: "off_track", progressStatus: "deterioration" },
    ],
    [
      "only the baseline, already past the target: achieved",
      { ...STATCAN, baseline: { year: 2017, value: 170 } },
      [],
      {
        level: "achieved",
        progressStatus: "target_achieved",
        score: 5,
        reason: "already_achieved",
      },
    ],
    [
      "only the baseline, short of it: not available",
      STATCAN,
      [],
      { level: "not_available", progressStatus: "not_available", reason: "too_few_points" },
    ],
    [
      "opposite signs: not available",
      { ...STATCAN, baseline: { year: 2017, value: -10 } },
      [[2019, 5]],
      { level: "not_available", reason: "progress_sign_change", score: null },
    ],
    [
      "target equal to the baseline: not available",
      { ...STATCAN, targets: { 2022: 100 } },
      [[2019, 90]],
      { level: "not_available", reason: "progress_flat_target", progress: null },
    ],
    [
      "a monitor's trend: words and score, no level",
      MONITOR,
      [[2019, 91]],
      { level: "not_available", progressStatus: "moderate_progress", reason: "trend_measure" },
    ],
    [
      "a monitor with trajectory: statcan and no trend: the trend, a rise wanted",
      { ...MONITOR, trend: undefined, trajectory: "statcan" },
      [[2019, 91]],
      { level: "not_available", progressStatus: "moderate_progress", reason: "trend_measure" },
    ],
    [
      "a monitor without a trend: nothing",
      { ...MONITOR, trend: undefined },
      [[2019, 91]],
      {
        level: "not_available",
        method: "linear",
        projected: 92.5,
        progressStatus: null,
        reason: "monitor",
      },
    ],
  ])("%s", (_name, indicator, series, expected) => {
    const status = computeStatus(query(indicator, series, "2020-06-01"));
    expect(status.trajectory).toMatchObject({ method: "statcan", projected: null, ...expected });
    if (expected.progressStatus === null) expect(status.trajectory.score).toBeNull();
  });

  it("reports method, score and progress beside the level, and nothing projected", () => {
    const status = computeStatus(query(STATCAN, [[2019, 116.64]], "2020-06-01"));
    expect(status.trajectory).toMatchObject({ target: 161.051, ratio: null, projected: null });
    expect(status.trajectory.progress).toBeCloseTo(0.8, 9);
    expect(status.trajectory.score).toBeCloseTo(1.42862, 9);
    expect(status.inputs.method).toEqual({
      configured: "statcan",
      used: "statcan",
      fallback: false,
    });
    expect(status.inputs.progress).toMatchObject({ direction: "increase", coefficient: 1 });
    expect(status.inputs.progress?.growth).toBeCloseTo(0.08, 9);
    expect(status.inputs.progress?.required).toBeCloseTo(0.1, 9);
  });

  it("leaves the current status to the progress ratio", () => {
    const status = computeStatus(query(STATCAN, [[2019, 116.64]], "2020-06-01"));
    expect(status.current).toMatchObject({ level: "green", reason: "target_met" });
  });

  it("applies a monitor's limit: 90 → 91 near 100 scores 2.4570983 (0.1350521 without)", () => {
    const limited = computeStatus(
      query(
        { ...MONITOR, trend: { method: "statcan", direction: "increase", limit: 100 } },
        [[2019, 91]],
        "2020-06-01",
      ),
    );
    const free = computeStatus(query(MONITOR, [[2019, 91]], "2020-06-01"));
    expect(limited.trajectory.score).toBeCloseTo(2.4570983, 6);
    expect(free.trajectory.score).toBeCloseTo(0.1350521, 6);
    expect(limited.current.level).toBe("none");
  });
});

describe("explaining the progress measure", () => {
  const moderate = computeStatus(query(STATCAN, [[2019, 116.64]], "2020-06-01"));
  it.each([
    [
      "en",
      "From 2017 to 2019 the value grew by 8% a year, against the 10% a year the target 161.05 (2022) needs: moderate progress (progress 0.8, score 1.43).",
    ],
    [
      "ru",
      "С 2017 по 2019 год значение росло на 8 % в год при 10 % в год, необходимых для цели 161,05 (2022): умеренный прогресс (прогресс 0,8, балл 1,43).",
    ],
    [
      "kk",
      "2017–2019 жылдары мән жылына 8% өсті, ал мақсатқа (161,05, 2022) жету үшін жылына 10% қажет: орташа прогресс (прогресс 0,8, балл 1,43).",
    ],
  ] as const)("in %s", (locale, text) => {
    expect(explainStatus(moderate, locale).trajectory.replace(/\u00a0/g, " ")).toBe(text);
  });

  it("explains a monitor's trend with its scaled cut-offs and the limit", () => {
    const trend = { method: "statcan", direction: "increase", limit: 100 } as const;
    const status = computeStatus(query({ ...MONITOR, trend }, [[2019, 91]], "2020-06-01"));
    expect(explainStatus(status, "en").trajectory).toBe(
      "From 2017 to 2019 the value grew by 0.6% a year, where a rise is wanted: moderate progress (substantial from 0.6% a year, moderate from 0.2%; score 2.46). The cut-offs are multiplied by 0.374, as the baseline lies near the natural limit 100.",
    );
  });

  it("says a negative value that moved towards 0 rose: −100 → −81", () => {
    const negative = { ...STATCAN, baseline: { year: 2017, value: -100 }, targets: { 2022: -50 } };
    const status = computeStatus(query(negative, [[2019, -81]], "2020-06-01"));
    expect(explainStatus(status, "en").trajectory).toMatch(/grew by 10% a year.*moderate progress/);
  });

  it("says when a baseline of 0 was taken as 0.001", () => {
    const zero = { ...STATCAN, baseline: { year: 2017, value: 0 }, targets: { 2022: 10 } };
    const status = computeStatus(query(zero, [[2019, 1]], "2020-06-01"));
    expect(explainStatus(status, "en").trajectory).toMatch(/taken as 0\.001/);
  });
});

describe("programme file: trajectory statcan and a monitor's trend", () => {
  const withIndicator = (patch: Record<string, unknown>, code = "PCT_UP") => ({
    ...SYNTHETIC_PROGRAM_INPUT,
    indicators: SYNTHETIC_PROGRAM_INPUT.indicators.map((i) =>
      i.code === code ? { ...i, ...patch } : i,
    ),
  });
  const issues = (input: unknown) => {
    const parsed = programDefinitionSchema.safeParse(input);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accepts trajectory: statcan and trend: {method: statcan, limit}", () => {
    expect(issues(withIndicator({ trajectory: "statcan" }))).toEqual([]);
    expect(issues(withIndicator({ trajectory: "statcan" }, "MON_Q"))).toEqual([]);
    const parsed = programDefinitionSchema.parse(
      withIndicator({ trend: { method: "statcan", limit: 100 } }, "MON_Q"),
    );
    const monitor = parsed.indicators.find((i) => i.code === "MON_Q");
    expect(monitor?.trend).toEqual({ method: "statcan", direction: "increase", limit: 100 });
  });

  it.each([
    [
      { trend: { method: "statcan" } },
      "PCT_UP",
      "indicators.0.trend: only monitor indicators have a trend; others use trajectory",
    ],
    [
      { trajectory: "statcan" },
      "RANGE_NUM",
      "indicators.2.trajectory: statcan needs a single-number target (increase or decrease)",
    ],
  ] as const)("refuses %j on %s", (patch, code, message) => {
    expect(issues(withIndicator(patch, code))).toEqual([message]);
  });

  it("refuses a trend by another method", () => {
    expect(issues(withIndicator({ trend: { method: "linear" } }, "MON_Q"))[0]).toMatch(
      /^indicators\.3\.trend\.method/,
    );
  });
});
