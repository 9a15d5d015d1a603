import { describe, expect, it } from "vitest";
import {
  compoundGrowth,
  limitCoefficient,
  measureProgress,
  type ProgressMeasure,
  type ProgressQuery,
  requiredGrowth,
  targetScore,
  trendScore,
} from "./progress-measure";

// Hand-worked values. Target 161.051 = 100·1.1^5 needs exactly 10% a year from 2017 to 2022,
// so P is the observed yearly growth over 10% (116.64 = 100·1.08² in two years: P = 0.8).
const at = (year: number, value: number) => ({ year, value });
const UP = (latest: number, year = 2019, base = 100): ProgressQuery => ({
  d: 1,
  baseline: at(2017, base),
  latest: at(year, latest),
  target: at(2022, 161.051),
});

type Case = [string, ProgressQuery, Partial<ProgressMeasure>];

describe("measureProgress against a target", () => {
  it.each<Case>([
    ["substantial: 10% a year of 10%", UP(121), { status: "substantial_progress", progress: 1 }],
    ["moderate: 8% a year", UP(116.64), { status: "moderate_progress", progress: 0.8 }],
    ["limited: 2% a year", UP(104.04), { status: "limited_progress", progress: 0.2 }],
    ["deterioration: −2% a year", UP(96.04), { status: "deterioration", progress: -0.2 }],
    [
      "achieved on the baseline alone (no later value): score 5, P undefined",
      { ...UP(170, 2017, 170) },
      { status: "target_achieved", score: 5, progress: null, gap: "too_few_points" },
    ],
    [
      "achieved later: score 5, P still reported",
      UP(165, 2020),
      { status: "target_achieved", score: 5, progress: 1.8166575 },
    ],
    [
      "baseline 0 taken as 0.001: 0 → 1 in two years against 10 by 2022",
      { d: 1, baseline: at(2017, 0), latest: at(2019, 1), target: at(2022, 10) },
      { status: "substantial_progress", score: 5, progress: 5.7674645 },
    ],
    [
      "target 0 taken as 0.001: 50 → 25 (decrease) in two years",
      { d: -1, baseline: at(2017, 50), latest: at(2019, 25), target: at(2022, 0) },
      { status: "limited_progress", score: -1.1212218, progress: 0.3309041 },
    ],
    [
      "target equal to the baseline, missed: undefined",
      { d: 1, baseline: at(2017, 50), latest: at(2019, 45), target: at(2022, 50) },
      { status: "not_available", score: null, progress: null, gap: "flat_target" },
    ],
    [
      "target equal to the baseline, met: achieved",
      { d: 1, baseline: at(2017, 50), latest: at(2019, 55), target: at(2022, 50) },
      { status: "target_achieved", score: 5, progress: null },
    ],
    [
      "negative values: −100 → −81 towards −50 (sign −1)",
      { d: 1, baseline: at(2017, -100), latest: at(2019, -81), target: at(2022, -50) },
      { status: "moderate_progress", score: 1.2322074, progress: 0.7725024 },
    ],
    [
      "baseline and latest of opposite signs: undefined",
      { d: 1, baseline: at(2017, -10), latest: at(2019, 5), target: at(2022, 20) },
      { status: "not_available", score: null, progress: null, gap: "sign_change" },
    ],
    [
      "target of the other sign: −10 → −5 towards 5 (complex root, as sdg-build)",
      { d: 1, baseline: at(2017, -10), latest: at(2019, -5), target: at(2022, 5) },
      { status: "limited_progress", score: -0.4350193, progress: 0.4955914 },
    ],
    [
      "decrease: 20 → 18 towards 10",
      { d: -1, baseline: at(2017, 20), latest: at(2019, 18), target: at(2022, 10) },
      { status: "limited_progress", score: -0.8482253, progress: 0.3964228 },
    ],
    [
      "CIF 3-13-1: 7.8 (2016) → 17.7 (2024), at most 10 by 2028",
      { d: -1, baseline: at(2016, 7.8), latest: at(2024, 17.7), target: at(2028, 10) },
      { status: "deterioration", score: -5, progress: -5.1555913 },
    ],
  ])("%s", (_name, query, expected) => {
    const measure = measureProgress(query);
    const { progress, score, ...rest } = expected;
    expect(measure).toMatchObject(rest);
    for (const [key, value] of [
      ["progress", progress],
      ["score", score],
    ] as const) {
      if (value === undefined) continue;
      if (value === null) expect(measure[key]).toBeNull();
      else expect(measure[key]).toBeCloseTo(value, 6);
    }
  });

  it("scores the four words at P = 1, 0.8, 0.2, −0.2: 2.8572, 1.42862, −1.66666, −3.33334", () => {
    expect(targetScore(1)).toBeCloseTo(2.8572, 9);
    expect(targetScore(0.8)).toBeCloseTo(1.42862, 9);
    expect(targetScore(0.2)).toBeCloseTo(-1.66666, 9);
    expect(targetScore(-0.2)).toBeCloseTo(-3.33334, 9);
    expect(targetScore(2)).toBe(5);
    expect(targetScore(-1)).toBe(-5);
  });

  it("computes growth rates: 121 from 100 in two years is 10%; 161.051 needs 10% over five", () => {
    expect(compoundGrowth(121, 100, 2019, 2017)).toBeCloseTo(0.1, 12);
    expect(requiredGrowth(161.051, 100, 2022, 2017)).toBeCloseTo(0.1, 12);
    expect(requiredGrowth(50, 100, 2018, 2017)).toBeCloseTo(0.5, 12);
    // One year to the other sign: |−0.5 − 1| = 1.5, the real root.
    expect(requiredGrowth(5, -10, 2018, 2017)).toBeCloseTo(1.5, 12);
  });
});

const TREND = (latest: number, limit?: number, base = 100, d: 1 | -1 = 1): ProgressQuery => ({
  d,
  baseline: at(2017, base),
  latest: at(2019, latest),
  target: null,
  limit,
});

describe("measureProgress without a target (a monitor's trend)", () => {
  it.each<Case>([
    ["2% a year: substantial", TREND(104.04), { status: "substantial_progress", score: 5 }],
    ["1% a year: moderate", TREND(102.01), { status: "moderate_progress", score: 1.25 }],
    ["0.25% a year: limited", TREND(100.500625), { status: "limited_progress", score: -1.25 }],
    ["−1% a year: deterioration", TREND(98.01), { status: "deterioration", score: -3.75 }],
    [
      "a fall wanted: −2% a year is substantial",
      TREND(96.04, undefined, 100, -1),
      { status: "substantial_progress", progress: 0.02 },
    ],
    [
      "no limit: 90 → 91 is 0.554% a year, moderate",
      TREND(91, undefined, 90),
      { status: "moderate_progress", score: 0.1350521, coefficient: 1 },
    ],
    [
      "limit 100 from 90: C = 1 − 0.9^4.44 = 0.3736216, same growth scores 2.4570983",
      TREND(91, 100, 90),
      { status: "moderate_progress", score: 2.4570983, coefficient: 0.3736216 },
    ],
    [
      "limit 100 from 90: 0.6% a year passes the scaled 0.5604% cut-off",
      TREND(90 * 1.006 ** 2, 100, 90),
      { status: "substantial_progress" },
    ],
    [
      "baseline on its limit: C = 0, any P >= 0 is substantial, score 5",
      TREND(100, 100, 100),
      { status: "substantial_progress", score: 5, coefficient: 0, progress: 0 },
    ],
    [
      "no later value: not available",
      { ...TREND(100), latest: at(2017, 100) },
      { status: "not_available", score: null, progress: null, gap: "too_few_points" },
    ],
  ])("%s", (_name, query, expected) => {
    const measure = measureProgress(query);
    const { progress, score, coefficient, ...rest } = expected;
    expect(measure).toMatchObject(rest);
    if (typeof progress === "number") expect(measure.progress).toBeCloseTo(progress, 9);
    if (progress === null) expect(measure.progress).toBeNull();
    if (typeof score === "number") expect(measure.score).toBeCloseTo(score, 6);
    if (score === null) expect(measure.score).toBeNull();
    if (coefficient !== undefined) expect(measure.coefficient).toBeCloseTo(coefficient, 6);
  });

  it.each([
    [90, 100, 0.3736216],
    [150, 100, 0.9539291],
    [200, 100, 1],
    [0, 0, 1],
    [0, 100, 1],
    [100, 100, 0],
  ])("limitCoefficient(%d, %d) = %d", (b, L, c) => {
    expect(limitCoefficient(b, L)).toBeCloseTo(c, 6);
  });

  it("scores the cut-offs −2.5, 0, 2.5 whatever C", () => {
    for (const C of [1, 0.5, 0.1]) {
      const c = { substantial: 0.015 * C, moderate: 0.005 * C, limited: 0 };
      expect(trendScore(0, c, C)).toBeCloseTo(-2.5, 9);
      expect(trendScore(c.moderate, c, C)).toBeCloseTo(0, 9);
      expect(trendScore(c.substantial, c, C)).toBeCloseTo(2.5, 9);
    }
  });
});
