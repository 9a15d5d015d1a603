import { describe, expect, it } from "vitest";
import { projectedPath, toleranceBands, valueAtRatio } from "./chart-bands";
import { progressRatio } from "./rules";

describe("valueAtRatio", () => {
  it("inverts the progress ratio for increase and decrease", () => {
    for (const [t, b, d] of [
      [90, 40, 1],
      [10, 30, -1],
      [50, 80, 1],
    ] as const) {
      const a = valueAtRatio(0.95, t, b, d);
      expect(a).not.toBeNull();
      expect(progressRatio(a as number, t, b, d)).toBeCloseTo(0.95, 9);
    }
  });

  it("inverts the ratio of a target equal to the baseline", () => {
    expect(valueAtRatio(0.95, 50, 50, 1)).toBeCloseTo(47.5);
    expect(progressRatio(valueAtRatio(0.95, 50, 50, -1) as number, 50, 50, -1)).toBeCloseTo(0.95);
    expect(valueAtRatio(0.95, 0, 0, 1)).toBeNull();
  });
});

describe("toleranceBands", () => {
  const thresholds = { green: 0.95, amber: 0.6 };

  it("runs from the green edge to the target for an increase", () => {
    const bands = toleranceBands({
      polarity: "increase",
      baseline: 40,
      targets: { 2019: 60, 2018: 50 },
      thresholds,
    });
    expect(bands.map((b) => b.year)).toEqual([2018, 2019]);
    expect(bands[0]).toMatchObject({ low: 49.5, high: 50, amberHigh: 50 });
    expect(bands[0]?.amberLow).toBeCloseTo(46);
  });

  it("runs from the target up to the green edge for a decrease", () => {
    const [band] = toleranceBands({
      polarity: "decrease",
      baseline: 30,
      targets: { 2020: 10 },
      thresholds,
    });
    expect(band?.low).toBe(10);
    expect(band?.high).toBeCloseTo(11);
    expect(band?.amberHigh).toBeCloseTo(18);
  });

  it("uses the range and its 10% margin for a range target, and nothing for monitor", () => {
    const [band] = toleranceBands({
      polarity: "range",
      baseline: 0,
      targets: { 2020: [2, 4] },
      thresholds,
    });
    expect(band).toEqual({ year: 2020, low: 2, high: 4, amberLow: 1.8, amberHigh: 4.2 });
    expect(
      toleranceBands({ polarity: "monitor", baseline: 0, targets: { 2020: 5 }, thresholds }),
    ).toEqual([]);
  });
});

describe("projectedPath", () => {
  it("joins the latest point to the projection at the end year", () => {
    const points = [
      { year: 2017, value: 40 },
      { year: 2019, value: 55 },
    ];
    expect(projectedPath(points, { year: 2022, value: 80 })).toEqual([
      { year: 2019, value: 55 },
      { year: 2022, value: 80 },
    ]);
    expect(projectedPath(points, { year: 2022, value: null })).toEqual([]);
    expect(projectedPath([], { year: 2022, value: 1 })).toEqual([]);
    expect(projectedPath(points, { year: 2019, value: 60 })).toEqual([]);
  });
});
