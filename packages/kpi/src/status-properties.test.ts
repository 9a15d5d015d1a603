import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { computeCurrentStatus, computeStatus } from "./status";
import type { StatusIndicator } from "./status-types";
import { YEARS } from "./test-fixtures";

// Values in hundredths keep the generated numbers readable when a property fails.
const hundredths = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const RANK = { green: 0, amber: 1, red: 2 } as Record<string, number>;
const dayOf2018 = fc.integer({ min: 0, max: 364 }).map((n) => addDays("2018-01-01", n));

const thresholdsArb = fc
  .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([g, a]) => ({ green: g / 100, amber: Math.min(a, g) / 100 }));

function indicator(fields: Partial<StatusIndicator>): StatusIndicator {
  return {
    unit: "number",
    polarity: "increase",
    aggregation: "last",
    targets: {},
    thresholds: { green: 0.95, amber: 0.6 },
    trajectory: "linear",
    dueDays: 45,
    baseline: { year: 2017, value: 0 },
    ...fields,
  };
}

describe("current status properties", () => {
  it("improving the actual in the indicator's direction never worsens the level", () => {
    const arb = fc.record({
      polarity: fc.constantFrom("increase" as const, "decrease" as const),
      unit: fc.constantFrom("number" as const, "percent" as const),
      aggregation: fc.constantFrom("last" as const, "sum" as const),
      baseline: hundredths(0, 100),
      target: hundredths(0, 100),
      actual: hundredths(0, 100),
      step: hundredths(0, 100),
      flat: fc.boolean(),
      thresholds: thresholdsArb,
      asOf: dayOf2018,
    });
    fc.assert(
      fc.property(arb, (c) => {
        const d = c.polarity === "increase" ? 1 : -1;
        const improved = Math.min(100, Math.max(0, c.actual + d * c.step));
        const level = (actual: number) =>
          computeCurrentStatus({
            indicator: indicator({
              ...c,
              // Half the cases have the target equal to the baseline (the T = B rules).
              targets: { 2018: c.flat ? c.baseline : c.target },
              baseline: { year: 2017, value: c.baseline },
            }),
            years: YEARS,
            series: [{ year: 2018, value: actual }],
            asOf: c.asOf,
          }).level;
        expect(RANK[level(improved)]).toBeLessThanOrEqual(RANK[level(c.actual)] ?? 99);
      }),
      { numRuns: 1000 },
    );
  });

  it("`decrease` mirrors `increase` (values negated), for current and trajectory", () => {
    const arb = fc.record({
      baseline: hundredths(-1000, 1000),
      targets: fc.array(hundredths(-1000, 1000), { minLength: 5, maxLength: 5 }),
      flat: fc.boolean(),
      values: fc.array(fc.option(hundredths(-1000, 1000), { nil: undefined }), {
        minLength: 5,
        maxLength: 5,
      }),
      trajectory: fc.constantFrom("linear" as const, "cagr" as const),
      thresholds: thresholdsArb,
      asOf: fc.integer({ min: 0, max: 2400 }).map((n) => addDays("2018-01-01", n)),
    });
    fc.assert(
      fc.property(arb, (c) => {
        const status = (sign: 1 | -1) =>
          computeStatus({
            indicator: indicator({
              polarity: sign === 1 ? "increase" : "decrease",
              trajectory: c.trajectory,
              thresholds: c.thresholds,
              baseline: { year: 2017, value: sign * c.baseline },
              targets: Object.fromEntries(
                c.targets.map((t, i) => [String(2018 + i), sign * (c.flat ? c.baseline : t)]),
              ),
            }),
            years: YEARS,
            series: c.values.flatMap((v, i) =>
              v === undefined ? [] : [{ year: 2018 + i, value: sign * v }],
            ),
            asOf: c.asOf,
          });
        const up = status(1);
        const down = status(-1);
        expect(down.current.level).toBe(up.current.level);
        expect(down.current.ratio).toBe(up.current.ratio);
        expect(down.trajectory.level).toBe(up.trajectory.level);
        expect(down.trajectory.method).toBe(up.trajectory.method);
        expect(down.trajectory.ratio === null).toBe(up.trajectory.ratio === null);
        if (up.trajectory.ratio !== null) {
          expect(down.trajectory.ratio).toBeCloseTo(up.trajectory.ratio, 9);
        }
        expect((down.trajectory.projected ?? 0) + (up.trajectory.projected ?? 0)).toBeCloseTo(0, 6);
      }),
      { numRuns: 500 },
    );
  });

  it("moving the as-of date forward with no new data never turns overdue into something else", () => {
    const arb = fc.record({
      polarity: fc.constantFrom(
        "increase" as const,
        "decrease" as const,
        "range" as const,
        "monitor" as const,
      ),
      aggregation: fc.constantFrom("last" as const, "sum" as const),
      dueDays: fc.integer({ min: 0, max: 730 }),
      present: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      first: fc.integer({ min: 0, max: 2900 }),
      later: fc.integer({ min: 0, max: 1500 }),
    });
    fc.assert(
      fc.property(arb, (c) => {
        const asOf1 = addDays("2018-01-01", c.first);
        const asOf2 = addDays(asOf1, c.later);
        const lastYear = Number(asOf1.slice(0, 4));
        // Only figures that existed at the first date: years up to its own year.
        const series = c.present.flatMap((p, i) =>
          p && 2018 + i <= lastYear ? [{ year: 2018 + i, value: 1 }] : [],
        );
        const targets = Object.fromEntries(
          [2018, 2019, 2020, 2021, 2022].map((y) => [
            String(y),
            c.polarity === "range" ? ([0, 2] as [number, number]) : 2,
          ]),
        );
        const ind = indicator({ ...c, targets: c.polarity === "monitor" ? {} : targets });
        const level = (asOf: string) =>
          computeCurrentStatus({ indicator: ind, years: YEARS, series, asOf }).level;
        if (level(asOf1) === "overdue") expect(level(asOf2)).toBe("overdue");
      }),
      { numRuns: 1000 },
    );
  });
});
