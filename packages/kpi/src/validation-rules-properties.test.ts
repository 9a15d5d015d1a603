import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFigureQuality,
  outlierOf,
  type QualityFigure,
  type QualityIndicator,
  type ValidationRule,
} from "./validation-rules";

const REGIONS = ["KZ-AKM", "KZ-ALA", "KZ-AST"];
const PLACES = ["KZ", ...REGIONS];
const PERIODS = ["2020", "2021", "2022"];

const figureArb = fc.record({
  indicator: fc.constant("IND"),
  region: fc.constantFrom(...PLACES),
  period: fc.constantFrom(...PERIODS),
  value: fc.integer({ min: -50, max: 500 }),
});
const severityArb = fc.constantFrom("error" as const, "warning" as const);
const rulesArb: fc.Arbitrary<ValidationRule[]> = fc
  .record({
    min: fc.option(fc.integer({ min: -50, max: 100 }), { nil: undefined }),
    max: fc.option(fc.integer({ min: 100, max: 500 }), { nil: undefined }),
    pct: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
    sum: fc.boolean(),
    severity: severityArb,
  })
  .map(({ min, max, pct, sum, severity }) => [
    ...(min === undefined ? [] : [{ rule: "min" as const, value: min, severity }]),
    ...(max === undefined ? [] : [{ rule: "max" as const, value: max, severity }]),
    ...(pct === undefined ? [] : [{ rule: "change_max_pct" as const, value: pct, severity }]),
    ...(sum ? [{ rule: "regions_sum_max_national" as const, severity }] : []),
  ]);

const check = (rules: ValidationRule[], rows: QualityFigure[], stored: QualityFigure[] = []) => {
  const ind: QualityIndicator = { rules, nation: "KZ", regions: new Set(REGIONS) };
  return checkFigureQuality(rows, stored, () => ind);
};
const ruleCodes = (fs: { code: string }[] = []) =>
  fs.map((f) => f.code).filter((c) => c !== "outlier");

describe("validation rules (properties)", () => {
  it("gives one outcome a row, and no error without an error rule", () => {
    fc.assert(
      fc.property(rulesArb, fc.array(figureArb, { maxLength: 30 }), (rules, rows) => {
        const outcomes = check(rules, rows);
        expect(outcomes).toHaveLength(rows.length);
        if (rules.every((r) => r.severity === "warning"))
          expect(outcomes.every((o) => o.errors.length === 0)).toBe(true);
      }),
    );
  });

  it("a rule's severity moves its finding between errors and warnings, nothing else", () => {
    fc.assert(
      fc.property(
        rulesArb,
        figureArb,
        fc.array(figureArb, { maxLength: 20 }),
        (rules, row, stored) => {
          const as = (severity: "error" | "warning") => rules.map((r) => ({ ...r, severity }));
          const [strict] = check(as("error"), [row], stored);
          const [lenient] = check(as("warning"), [row], stored);
          expect(ruleCodes(lenient?.warnings)).toEqual(ruleCodes(strict?.errors));
        },
      ),
    );
  });

  it("min and max reject exactly the values outside them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: -100, max: 100 }),
        (min, value) => {
          const [outcome] = check(
            [{ rule: "min", value: min, severity: "error" }],
            [{ indicator: "IND", region: "KZ", period: "2020", value }],
          );
          expect((outcome?.errors.length ?? 0) > 0).toBe(value < min);
        },
      ),
    );
  });

  it("the figures accepted under regions_sum_max_national never sum above the nation", () => {
    fc.assert(
      fc.property(fc.array(figureArb, { maxLength: 40 }), (rows) => {
        const outcomes = check([{ rule: "regions_sum_max_national", severity: "error" }], rows);
        const state = new Map<string, number>();
        rows.forEach((r, i) => {
          if (outcomes[i]?.errors.length === 0) state.set(`${r.region}|${r.period}`, r.value);
        });
        for (const period of PERIODS) {
          const national = state.get(`KZ|${period}`);
          const regional = REGIONS.map((g) => state.get(`${g}|${period}`));
          if (national === undefined || regional.every((v) => v === undefined)) continue;
          const sum = regional.reduce<number>((s, v) => s + (v ?? 0), 0);
          expect(sum).toBeLessThanOrEqual(national);
        }
      }),
    );
  });

  it("an outlier does not depend on the history's order, a shift or a positive scale", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 20 }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 8 }),
        (history, value, shift, scale) => {
          const is = (v: number, h: number[]) => outlierOf(v, h) !== null;
          const found = is(value, history);
          expect(is(value, [...history].reverse())).toBe(found);
          expect(
            is(
              value + shift,
              history.map((h) => h + shift),
            ),
          ).toBe(found);
          expect(
            is(
              value * scale,
              history.map((h) => h * scale),
            ),
          ).toBe(found);
        },
      ),
    );
  });
});
