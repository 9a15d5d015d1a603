import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateIndicator, placesOf, type StoredFigure } from "./evaluate";
import { SYNTHETIC_PROGRAM } from "./test-fixtures";

// Five regions: with three or more, floating-point sums depend on the order they are added in.
const program = {
  ...SYNTHETIC_PROGRAM,
  regions: ["KZ-ALA", "KZ-AST", "KZ-SHY", "KZ-KAR", "KZ-PAV"].map((code) => ({
    code,
    name: { en: code, ru: code, kk: code },
  })),
};
const nation = program.nation.code;
describe("placesOf", () => {
  it("is the nation alone for a national indicator, and the nation then every region otherwise", () => {
    for (const indicator of program.indicators) {
      const places = placesOf(program, indicator);
      expect(places[0]).toBe(nation);
      expect(places.slice(1)).toEqual(
        indicator.disaggregation === "regional" ? program.regions.map((r) => r.code) : [],
      );
    }
  });
});

describe("evaluateIndicator", () => {
  const regional = program.indicators.filter((d) => d.disaggregation === "regional");
  const quarters = ["2018Q1", "2018Q2", "2018Q3", "2018Q4", "2019Q1", "2019Q2"];
  const years = ["2018", "2019", "2020"];
  // Values with many decimals: a sum added in another order differs in its last bits.
  const value = fc.double({ min: 0, max: 1000, noNaN: true }).map((v) => Math.round(v * 1e6) / 1e6);
  const arbitrary = fc.record({
    indicator: fc.constantFrom(...regional),
    values: fc.array(value, { minLength: 60, maxLength: 60 }),
    keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
  });

  it("gives the same evaluation whatever order the figures come in (one order of sums)", () => {
    fc.assert(
      fc.property(arbitrary, ({ indicator, values, keys }) => {
        const periods = indicator.frequency === "yearly" ? years : quarters;
        const own: StoredFigure[] = [];
        let k = 0;
        for (const region of program.regions)
          for (const period of periods)
            own.push({ period, region: region.code, value: values[k++ % 60] ?? 0 });
        const shuffled = own
          .map((f, i) => ({ f, key: keys[i % 60] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.f);
        for (const region of placesOf(program, indicator)) {
          const a = evaluateIndicator({
            program,
            indicator,
            figures: own,
            region,
            asOf: "2019-12-31",
          });
          const b = evaluateIndicator({
            program,
            indicator,
            figures: shuffled,
            region,
            asOf: "2019-12-31",
          });
          expect(b).toEqual(a);
        }
      }),
      { numRuns: 200 },
    );
  });
});
