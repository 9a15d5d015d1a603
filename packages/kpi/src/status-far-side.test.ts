import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCurrentStatus, computeStatus } from "./status";
import type { CurrentStatus, StatusIndicator } from "./status-types";
import { query, YEARS } from "./test-fixtures";

// Targets on the undesired side of the baseline (DESIGN.md "Status rules"): a ceiling above a
// `decrease` baseline, a floor below an `increase` one. r = 1 − d·(T−A)/|T−B|; the old
// (A−B)/(T−B) would call a value far past the target the wrong way green.
const farSide = (polarity: "increase" | "decrease", baseline: number, target: number) =>
  ({
    unit: "number",
    polarity,
    baseline: { year: 2017, value: baseline },
    targets: { 2018: target, 2022: target },
  }) as const;
const CEILING = farSide("decrease", 7.8, 10);
const FLOOR = farSide("increase", 68.6, 55);

type Case = [string, Partial<StatusIndicator>, number, CurrentStatus["level"], number];

describe("current status: a target on the far side of the baseline", () => {
  it.each<Case>([
    // |T−B| = 2.2: r = 1 + (10 − A)/2.2; green from 0.95, amber from 0.6.
    ["ceiling met: 9.5 <= 10", CEILING, 9.5, "green", 1.227273],
    ["ceiling just missed: 10.1", CEILING, 10.1, "green", 0.954545],
    ["ceiling missed: 10.2", CEILING, 10.2, "amber", 0.909091],
    ["ceiling far past: 17.7 (CIF 3-13-1)", CEILING, 17.7, "red", -2.5],
    // |T−B| = 13.6: r = 1 − (55 − A)/13.6.
    ["floor met: 60 >= 55", FLOOR, 60, "green", 1.367647],
    ["floor just missed: 54.5", FLOOR, 54.5, "green", 0.963235],
    ["floor missed: 52", FLOOR, 52, "amber", 0.779412],
    ["floor far past: 40", FLOOR, 40, "red", -0.102941],
  ])("%s", (_name, indicator, actual, level, ratio) => {
    const status = computeCurrentStatus(query(indicator, [[2018, actual]], "2019-01-10"));
    const met = indicator.polarity === "decrease" ? actual <= 10 : actual >= 55;
    expect(status).toMatchObject({ level, reason: met ? "target_met" : "progress_ratio" });
    expect(status.ratio).toBeCloseTo(ratio, 6);
  });

  it("projects a ceiling passed the wrong way off track: 7.8, 12.75, 17.7 → 32.55, ratio −9.25", () => {
    const status = computeStatus(
      query(
        CEILING,
        [
          [2018, 12.75],
          [2019, 17.7],
        ],
        "2020-01-10",
      ),
    );
    expect(status.trajectory).toMatchObject({ level: "off_track", reason: "projected_ratio" });
    expect(status.trajectory.projected).toBeCloseTo(32.55, 9);
    expect(status.trajectory.ratio).toBeCloseTo(-9.25, 9);
  });

  it("calls a floor already kept achieved: 60 against at least 55", () => {
    const met = computeStatus(query(FLOOR, [[2018, 60]], "2019-01-10"));
    expect(met.trajectory).toMatchObject({ level: "achieved", reason: "already_achieved" });
  });
});

const hundredths = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const RANK: Record<string, number> = { green: 0, amber: 1, red: 2 };

describe("current status property: targets on either side of the baseline", () => {
  it("moving the value away from the target never improves the level", () => {
    const arb = fc.record({
      polarity: fc.constantFrom("increase" as const, "decrease" as const),
      unit: fc.constantFrom("number" as const, "percent" as const),
      baseline: hundredths(0, 100),
      target: hundredths(0, 100),
      actual: hundredths(0, 100),
      step: hundredths(0, 100),
      green: fc.integer({ min: 1, max: 100 }),
      amber: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(arb, (c) => {
        const away = c.actual >= c.target ? c.actual + c.step : c.actual - c.step;
        const moved = c.unit === "percent" ? Math.min(100, Math.max(0, away)) : away;
        const thresholds = { green: c.green / 100, amber: Math.min(c.amber, c.green) / 100 };
        const level = (actual: number) =>
          computeCurrentStatus({
            indicator: {
              unit: c.unit,
              polarity: c.polarity,
              aggregation: "last",
              targets: { 2018: c.target },
              thresholds,
              trajectory: "linear",
              dueDays: 45,
              baseline: { year: 2017, value: c.baseline },
            },
            years: YEARS,
            series: [{ year: 2018, value: actual }],
            asOf: "2019-01-10",
          }).level;
        expect(RANK[level(moved)]).toBeGreaterThanOrEqual(RANK[level(c.actual)] ?? -1);
      }),
      { numRuns: 2000 },
    );
  });
});
