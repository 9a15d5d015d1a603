import { describe, expect, it } from "vitest";
import { computeStatus } from "./status";
import type { StatusIndicator, TrajectoryStatus } from "./status-types";
import { query } from "./test-fixtures";
import { linearAt, project } from "./trajectory";

type Case = [
  string,
  Partial<StatusIndicator>,
  [number, number][],
  string,
  Partial<TrajectoryStatus>,
];

// Base: percent, increase, baseline 92 (2017), final target 97 (2022), linear.
const FLAT = {
  unit: "number",
  baseline: { year: 2017, value: 50 },
  targets: { 2022: 50 },
} as const;
const RANGE: Partial<StatusIndicator> = {
  unit: "number",
  polarity: "range",
  baseline: { year: 2017, value: 30 },
  targets: { 2022: [40, 60] },
};

describe("trajectory", () => {
  it.each<Case>([
    [
      "only the baseline",
      {},
      [],
      "2018-06-01",
      { level: "not_available", reason: "too_few_points", projected: null },
    ],
    [
      "slope 1 reaches 97",
      {},
      [[2018, 93]],
      "2019-01-10",
      { level: "on_track", reason: "projected_ratio", projected: 97, ratio: 1, target: 97 },
    ],
    [
      "slope 0.5 reaches 94.5: ratio 0.5",
      {},
      [
        [2018, 92.5],
        [2019, 93],
      ],
      "2020-01-10",
      { level: "acceleration_needed", projected: 94.5, ratio: 0.5 },
    ],
    [
      "falling to 89.5: ratio -0.5",
      {},
      [
        [2018, 91.5],
        [2019, 91],
      ],
      "2020-01-10",
      { level: "off_track", projected: 89.5, ratio: -0.5 },
    ],
    [
      "the latest value already meets 97",
      {},
      [[2018, 97.5]],
      "2019-01-10",
      { level: "achieved", reason: "already_achieved" },
    ],
    [
      "end year met",
      {},
      [
        [2018, 93],
        [2022, 97],
      ],
      "2023-01-10",
      { level: "achieved", reason: "end_year_met", projected: null, ratio: 1 },
    ],
    [
      "end year missed by 0.1: ratio 0.98",
      {},
      [
        [2018, 93],
        [2022, 96.9],
      ],
      "2023-01-10",
      { level: "off_track", reason: "end_year_missed", projected: null },
    ],
    [
      "data after the as-of year is ignored",
      {},
      [
        [2018, 93],
        [2022, 80],
      ],
      "2019-01-10",
      { level: "on_track", projected: 97 },
    ],
    [
      "a percentage projection is clamped to 100",
      { baseline: { year: 2017, value: 90 } },
      [[2018, 95]],
      "2019-01-10",
      { level: "on_track", projected: 100 },
    ],
    [
      "decrease: 100 to 90 reaches 50",
      {
        unit: "count",
        polarity: "decrease",
        baseline: { year: 2017, value: 100 },
        targets: { 2022: 50 },
      },
      [[2018, 90]],
      "2019-01-10",
      { level: "on_track", projected: 50, ratio: 1 },
    ],
    [
      "a count projection stops at 0",
      {
        unit: "count",
        polarity: "decrease",
        baseline: { year: 2017, value: 100 },
        targets: { 2022: 50 },
      },
      [[2018, 60]],
      "2019-01-10",
      { level: "on_track", projected: 0, ratio: 2 },
    ],
    [
      "the final target is the latest one set",
      { targets: { 2018: 93, 2020: 95 } },
      [[2018, 93]],
      "2019-01-10",
      { level: "on_track", projected: 95, target: 95 },
    ],
    [
      "monitor: the trend only",
      { polarity: "monitor", unit: "count", baseline: { year: 2017, value: 10 }, targets: {} },
      [[2018, 12]],
      "2019-01-10",
      { level: "not_available", reason: "monitor", projected: 20, target: null },
    ],
    [
      "no final target",
      { targets: {} },
      [[2018, 93]],
      "2019-01-10",
      { level: "not_available", reason: "no_target" },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeStatus(query(indicator, series, asOf)).trajectory).toMatchObject(expected);
  });

  it("reports the end-year ratio of the actual value", () => {
    const status = computeStatus(
      query(
        {},
        [
          [2018, 93],
          [2022, 96.9],
        ],
        "2023-01-10",
      ),
    );
    expect(status.trajectory.ratio).toBeCloseTo(0.98, 10);
  });
});

describe("trajectory: target equal to the baseline", () => {
  it.each<Case>([
    [
      "falling from 50 to 48: projects 45",
      FLAT,
      [
        [2018, 49],
        [2019, 48],
      ],
      "2020-01-10",
      { level: "off_track", reason: "projected_flat_target", projected: 45, ratio: null },
    ],
    [
      "the latest value is back at 51",
      FLAT,
      [
        [2018, 49],
        [2019, 51],
      ],
      "2020-01-10",
      { level: "achieved", ratio: null },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeStatus(query(indicator, series, asOf)).trajectory).toMatchObject(expected);
  });

  it("is on track when the projection reaches the target: 0, 48, 49.5 project 53.15", () => {
    // slope = (1.5·(49.5 − 50) + 0.5·(48 − 0))/5 = 4.65; mean 36.875 at 2018.5.
    const status = computeStatus(
      query(
        FLAT,
        [
          [2018, 0],
          [2019, 48],
          [2020, 49.5],
        ],
        "2021-01-10",
      ),
    );
    expect(status.trajectory).toMatchObject({ level: "on_track", reason: "projected_flat_target" });
    expect(status.trajectory.projected).toBeCloseTo(53.15, 9);
  });
});

describe("trajectory: range", () => {
  it.each<Case>([
    [
      "30 to 35 projects 55, inside 40..60",
      RANGE,
      [[2018, 35]],
      "2019-01-10",
      { level: "on_track", reason: "projected_range", projected: 55 },
    ],
    [
      "30 to 32 projects 40, on the bound",
      RANGE,
      [[2018, 32]],
      "2019-01-10",
      { level: "on_track", projected: 40 },
    ],
    [
      "30 to 31.6 projects 38, within 10%",
      RANGE,
      [[2018, 31.6]],
      "2019-01-10",
      { level: "acceleration_needed" },
    ],
    [
      "30 to 31.5 projects 37.5, beyond",
      RANGE,
      [[2018, 31.5]],
      "2019-01-10",
      { level: "off_track" },
    ],
    [
      "already inside",
      RANGE,
      [[2018, 45]],
      "2019-01-10",
      { level: "achieved", reason: "already_achieved" },
    ],
    [
      "end year outside",
      RANGE,
      [
        [2018, 45],
        [2022, 61],
      ],
      "2023-01-10",
      { level: "off_track", reason: "end_year_missed" },
    ],
  ])("%s", (_, indicator, series, asOf, expected) => {
    expect(computeStatus(query(indicator, series, asOf)).trajectory).toMatchObject(expected);
  });
});

describe("trajectory: sum indicators", () => {
  it("leaves the running year's partial total out of the points", () => {
    const indicator = {
      unit: "count",
      aggregation: "sum",
      baseline: { year: 2017, value: 400 },
      targets: { 2022: 600 },
    } as const;
    const status = computeStatus(
      query(
        indicator,
        [
          [2018, 440],
          [2019, 480],
          [2020, 100],
        ],
        "2020-04-15",
      ),
    );
    expect(status.inputs.points.map((p) => p.year)).toEqual([2017, 2018, 2019]);
    expect(status.trajectory).toMatchObject({ level: "on_track", projected: 600 });
    expect(status.current).toMatchObject({ year: 2020, actual: 100 });
  });
});

describe("projection helpers", () => {
  it("fits the least-squares line", () => {
    const points = [
      { year: 2017, value: 1 },
      { year: 2018, value: 3 },
      { year: 2019, value: 2 },
    ];
    // slope = ((-1)(-1) + 0 + (1)(0)) / 2 = 0.5, mean 2 at 2018: 2 + 0.5·4 = 4 in 2022.
    expect(linearAt(points, 2022)).toBeCloseTo(4, 12);
    expect(project(points, 2022, "linear")).toEqual({ value: 4, used: "linear", fallback: false });
  });
});
