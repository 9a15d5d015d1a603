import { describe, expect, it } from "vitest";
import { computeCurrentStatus } from "./status";
import type { CurrentStatus, StatusIndicator } from "./status-types";
import { query } from "./test-fixtures";

type Case = [string, Partial<StatusIndicator>, [number, number][], string, Partial<CurrentStatus>];

// The base indicator: percent, increase, baseline 92 (2017), targets 93..97 for 2018..2022,
// thresholds green 0.95 / amber 0.60, due 45 days after the year (2018 is due on 2019-02-14).
const COUNT_DOWN = {
  unit: "count",
  polarity: "decrease",
  baseline: { year: 2017, value: 100 },
  targets: { 2018: 80 },
} as const;
describe("current status: overdue and grey", () => {
  it.each<Case>([
    [
      "no data, nothing due",
      {},
      [],
      "2018-06-30",
      { level: "grey", reason: "no_data", year: null },
    ],
    ["the day before 2018 is due", {}, [], "2019-02-13", { level: "grey", reason: "no_data" }],
    [
      "2018 due on 2019-02-14 and missing",
      {},
      [],
      "2019-02-14",
      { level: "overdue", reason: "overdue", year: 2018, actual: null, target: 93 },
    ],
    [
      "2019 due and missing, 2018 known",
      {},
      [[2018, 93]],
      "2020-02-14",
      { level: "overdue", year: 2019 },
    ],
    ["2019 due and present", {}, [[2019, 94]], "2020-03-01", { level: "green", year: 2019 }],
    [
      "2019 missing but the running year has a value",
      {},
      [[2020, 95.5]],
      "2020-12-01",
      { level: "green", year: 2020, actual: 95.5 },
    ],
    [
      "data after the as-of year is ignored",
      {},
      [[2021, 97]],
      "2019-06-01",
      { level: "overdue", year: 2018 },
    ],
    [
      "after the programme, the end year is the one due",
      {},
      [
        [2018, 93],
        [2019, 94],
        [2020, 95],
        [2021, 96],
      ],
      "2030-01-01",
      { level: "overdue", year: 2022, target: 97 },
    ],
    [
      "dueDays 0: due on the year's last day",
      { dueDays: 0 },
      [],
      "2018-12-31",
      { level: "overdue", year: 2018 },
    ],
    ["dueDays 0: not due the day before", { dueDays: 0 }, [], "2018-12-30", { level: "grey" }],
    [
      "values before the programme start are history",
      {},
      [[2017, 99]],
      "2018-05-01",
      { level: "grey" },
    ],
    [
      "a year without a target",
      { targets: { 2022: 97 } },
      [[2018, 93]],
      "2018-12-31",
      { level: "grey", reason: "no_target", year: 2018, actual: 93 },
    ],
    [
      "monitor with data",
      { polarity: "monitor", targets: {} },
      [[2018, 5]],
      "2018-12-31",
      { level: "none", reason: "monitor", year: 2018, actual: 5 },
    ],
    [
      "monitor without data",
      { polarity: "monitor", targets: {} },
      [],
      "2018-12-31",
      { level: "none", actual: null },
    ],
    [
      "monitor whose figures are overdue",
      { polarity: "monitor", targets: {} },
      [],
      "2019-03-01",
      { level: "overdue", year: 2018 },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeCurrentStatus(query(indicator, series, asOf))).toMatchObject(expected);
  });
});

describe("current status: increase and decrease", () => {
  it.each<Case>([
    [
      "target met exactly",
      {},
      [[2018, 93]],
      "2018-12-31",
      { level: "green", reason: "target_met", ratio: 1 },
    ],
    [
      "target beaten",
      {},
      [[2018, 94]],
      "2018-12-31",
      { level: "green", reason: "target_met", ratio: 2 },
    ],
    ["r = 0.96", {}, [[2018, 92.96]], "2018-12-31", { level: "green", reason: "progress_ratio" }],
    ["r = 0.95 (boundary)", {}, [[2018, 92.95]], "2018-12-31", { level: "green" }],
    ["r = 0.94", {}, [[2018, 92.94]], "2018-12-31", { level: "amber" }],
    ["r = 0.70", {}, [[2018, 92.7]], "2018-12-31", { level: "amber", reason: "progress_ratio" }],
    ["r = 0.60 (boundary)", {}, [[2018, 92.6]], "2018-12-31", { level: "amber" }],
    [
      "r = 0.50",
      {},
      [[2018, 92.5]],
      "2018-12-31",
      { level: "red", ratio: 0.5, target: 93, baseline: 92 },
    ],
    ["below the baseline, r = -1", {}, [[2018, 91]], "2018-12-31", { level: "red", ratio: -1 }],
    [
      "custom thresholds",
      { thresholds: { green: 0.4, amber: 0.2 } },
      [[2018, 92.5]],
      "2018-12-31",
      { level: "green" },
    ],
    [
      "decrease: target met",
      COUNT_DOWN,
      [[2018, 80]],
      "2018-12-31",
      { level: "green", reason: "target_met" },
    ],
    ["decrease: beaten", COUNT_DOWN, [[2018, 79]], "2018-12-31", { level: "green", ratio: 1.05 }],
    ["decrease: r = 0.95", COUNT_DOWN, [[2018, 81]], "2018-12-31", { level: "green", ratio: 0.95 }],
    ["decrease: r = 0.75", COUNT_DOWN, [[2018, 85]], "2018-12-31", { level: "amber", ratio: 0.75 }],
    ["decrease: r = 0.50", COUNT_DOWN, [[2018, 90]], "2018-12-31", { level: "red", ratio: 0.5 }],
    [
      "decrease: worse than baseline",
      COUNT_DOWN,
      [[2018, 110]],
      "2018-12-31",
      { level: "red", ratio: -0.5 },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeCurrentStatus(query(indicator, series, asOf))).toMatchObject(expected);
  });

  it("targets set against the polarity still grow with improvement", () => {
    // increase with baseline 92 and target 90: A = 89.9 misses by 0.1 of a 2-point span.
    const q = (a: number) => query({ targets: { 2018: 90 } }, [[2018, a]], "2018-12-31");
    expect(computeCurrentStatus(q(89.9))).toMatchObject({ level: "green" });
    expect(computeCurrentStatus(q(89.9)).ratio).toBeCloseTo(0.95, 10);
    expect(computeCurrentStatus(q(85))).toMatchObject({ level: "red", ratio: -1.5 });
  });
});

describe("current status: percent targets of 0 and 100", () => {
  it.each<Case>([
    [
      "99 against 100",
      { baseline: { year: 2017, value: 90 }, targets: { 2018: 100 } },
      [[2018, 99]],
      "2018-12-31",
      { level: "green", reason: "within_one_point" },
    ],
    [
      "98.9 against 100: r = 0.89",
      { baseline: { year: 2017, value: 90 }, targets: { 2018: 100 } },
      [[2018, 98.9]],
      "2018-12-31",
      { level: "amber", reason: "progress_ratio" },
    ],
    [
      "1 against 0 (decrease)",
      { polarity: "decrease", baseline: { year: 2017, value: 10 }, targets: { 2018: 0 } },
      [[2018, 1]],
      "2018-12-31",
      { level: "green", reason: "within_one_point" },
    ],
    [
      "1.5 against 0: r = 0.85",
      { polarity: "decrease", baseline: { year: 2017, value: 10 }, targets: { 2018: 0 } },
      [[2018, 1.5]],
      "2018-12-31",
      { level: "amber", ratio: 0.85 },
    ],
    [
      "not for other targets: 94.5 against 95, r = 0.83",
      { targets: { 2018: 95 } },
      [[2018, 94.5]],
      "2018-12-31",
      { level: "amber" },
    ],
    [
      "not for counts: 99 against 100",
      { unit: "count", baseline: { year: 2017, value: 0 }, targets: { 2018: 100 } },
      [[2018, 94]],
      "2018-12-31",
      { level: "amber", ratio: 0.94 },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeCurrentStatus(query(indicator, series, asOf))).toMatchObject(expected);
  });
});
