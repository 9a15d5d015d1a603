import { describe, expect, it } from "vitest";
import { computeCurrentStatus, computeStatus } from "./status";
import type { CurrentStatus, StatusIndicator } from "./status-types";
import { query } from "./test-fixtures";

type Case = [string, Partial<StatusIndicator>, [number, number][], string, Partial<CurrentStatus>];

// Special cases of the current status rules.
// The base indicator: percent, increase, baseline 92 (2017), targets 93..97 for 2018..2022,
// thresholds green 0.95 / amber 0.60, due 45 days after the year (2018 is due on 2019-02-14).
const FLAT = (target: number) =>
  ({
    unit: "number",
    baseline: { year: 2017, value: target },
    targets: { 2018: target },
  }) as const;
const RANGE: Partial<StatusIndicator> = {
  unit: "number",
  polarity: "range",
  targets: { 2018: [40, 60] },
};

describe("current status: target equal to the baseline", () => {
  it.each<Case>([
    [
      "increase: 48 of 50, r = 0.96",
      FLAT(50),
      [[2018, 48]],
      "2018-12-31",
      { level: "green", reason: "target_equals_baseline", ratio: 0.96 },
    ],
    [
      "increase: 40 of 50, r = 0.8",
      FLAT(50),
      [[2018, 40]],
      "2018-12-31",
      { level: "amber", ratio: 0.8 },
    ],
    [
      "increase: 20 of 50, r = 0.4",
      FLAT(50),
      [[2018, 20]],
      "2018-12-31",
      { level: "red", ratio: 0.4 },
    ],
    [
      "increase: 50 of 50 is met",
      FLAT(50),
      [[2018, 50]],
      "2018-12-31",
      { level: "green", reason: "target_met" },
    ],
    [
      "decrease: 50/60 = 0.833",
      { ...FLAT(50), polarity: "decrease" },
      [[2018, 60]],
      "2018-12-31",
      { level: "amber" },
    ],
    [
      "decrease: 50/100 = 0.5",
      { ...FLAT(50), polarity: "decrease" },
      [[2018, 100]],
      "2018-12-31",
      { level: "red", ratio: 0.5 },
    ],
    [
      "decrease: 50/52 = 0.96",
      { ...FLAT(50), polarity: "decrease" },
      [[2018, 52]],
      "2018-12-31",
      { level: "green" },
    ],
    [
      "negative increase: -10/-20 = 0.5",
      FLAT(-10),
      [[2018, -20]],
      "2018-12-31",
      { level: "red", ratio: 0.5 },
    ],
    [
      "negative decrease: -9.6/-10 = 0.96",
      { ...FLAT(-10), polarity: "decrease" },
      [[2018, -9.6]],
      "2018-12-31",
      { level: "green" },
    ],
    ["zero target missed", FLAT(0), [[2018, -1]], "2018-12-31", { level: "red", ratio: null }],
    [
      "zero target met",
      FLAT(0),
      [[2018, 0]],
      "2018-12-31",
      { level: "green", reason: "target_met" },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeCurrentStatus(query(indicator, series, asOf))).toMatchObject(expected);
  });

  it("computes the ratio as A/T for increase and T/A for decrease", () => {
    const up = computeCurrentStatus(query(FLAT(50), [[2018, 45]], "2018-12-31"));
    const down = computeCurrentStatus(
      query({ ...FLAT(50), polarity: "decrease" }, [[2018, 60]], "2018-12-31"),
    );
    expect(up.ratio).toBeCloseTo(0.9, 12);
    expect(down.ratio).toBeCloseTo(0.8333333333, 9);
  });
});

describe("current status: range", () => {
  // Range 40..60: width 20, so amber within 2 outside it.
  it.each<Case>([
    [
      "inside",
      RANGE,
      [[2018, 50]],
      "2018-12-31",
      { level: "green", reason: "range_inside", target: [40, 60], ratio: null },
    ],
    ["on the lower bound", RANGE, [[2018, 40]], "2018-12-31", { level: "green" }],
    ["on the upper bound", RANGE, [[2018, 60]], "2018-12-31", { level: "green" }],
    ["1.5 above", RANGE, [[2018, 61.5]], "2018-12-31", { level: "amber", reason: "range_near" }],
    ["2 below (boundary)", RANGE, [[2018, 38]], "2018-12-31", { level: "amber" }],
    ["2.1 below", RANGE, [[2018, 37.9]], "2018-12-31", { level: "red", reason: "range_outside" }],
    ["3 above", RANGE, [[2018, 63]], "2018-12-31", { level: "red" }],
    [
      "a point range",
      { ...RANGE, targets: { 2018: [5, 5] } },
      [[2018, 5.1]],
      "2018-12-31",
      { level: "red" },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeCurrentStatus(query(indicator, series, asOf))).toMatchObject(expected);
  });
});

describe("current status: sum indicators pro rata while the year runs", () => {
  // Baseline 400, 2020 target 600. At 2020-06-30, 182 of 366 days have elapsed.
  const SUM = {
    unit: "count",
    aggregation: "sum",
    baseline: { year: 2017, value: 400 },
    targets: { 2019: 500, 2020: 600 },
  } as const;

  it("scales target and baseline by the elapsed share", () => {
    const status = computeStatus(query(SUM, [[2020, 280]], "2020-06-30"));
    // r = (280 − 400·s)/(200·s) = 1.4·366/182 − 2 = 0.815384…
    expect(status.current).toMatchObject({ level: "amber", year: 2020, actual: 280 });
    expect(status.current.target).toBeCloseTo(298.3606557377, 9);
    expect(status.current.baseline).toBeCloseTo(198.9071038251, 9);
    expect(status.current.ratio).toBeCloseTo(0.8153846154, 9);
    expect(status.inputs.proRata?.share).toBeCloseTo(0.4972677596, 9);
    expect(status.inputs.proRata).toMatchObject({ target: 600, baseline: 400 });
  });

  it("is green when the partial total is on the pro-rated target", () => {
    expect(computeCurrentStatus(query(SUM, [[2020, 300]], "2020-06-30"))).toMatchObject({
      level: "green",
      reason: "target_met",
    });
  });

  it("compares the full year on its last day", () => {
    const status = computeStatus(query(SUM, [[2020, 590]], "2020-12-31"));
    expect(status.current).toMatchObject({
      level: "green",
      target: 600,
      baseline: 400,
      ratio: 0.95,
    });
    expect(status.inputs.proRata).toBeNull();
  });

  it("does not pro-rate a past year", () => {
    const status = computeStatus(query(SUM, [[2019, 450]], "2020-01-10"));
    expect(status.current).toMatchObject({
      year: 2019,
      target: 500,
      baseline: 400,
      ratio: 0.5,
      level: "red",
    });
  });

  it("does not pro-rate `last` or `mean` indicators", () => {
    const status = computeStatus(
      query({ ...SUM, aggregation: "last" }, [[2020, 280]], "2020-06-30"),
    );
    expect(status.current).toMatchObject({ target: 600, baseline: 400, level: "red" });
    expect(status.current.ratio).toBeCloseTo(-0.6, 12);
  });

  it("uses 1/365 on 1 January", () => {
    const status = computeStatus(
      query({ ...SUM, targets: { 2018: 730 } }, [[2018, 2]], "2018-01-01"),
    );
    expect(status.current.target).toBeCloseTo(2, 12);
    expect(status.current.level).toBe("green");
  });
});
