import { describe, expect, it } from "vitest";
import { generateDemoFigures } from "./demo";
import { indexPrograms } from "./program-index";
import { SYNTHETIC_PROGRAM } from "./test-fixtures";
import { validateRow } from "./validate-row";

describe("generateDemoFigures", () => {
  const figures = generateDemoFigures(SYNTHETIC_PROGRAM);
  const built = indexPrograms([SYNTHETIC_PROGRAM]);
  if (!built.ok) throw new Error("fixture");

  it("produces only rows that pass the programme's own validation", () => {
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) {
      const v = validateRow({ ...f, region: f.region ?? "" }, built.index);
      expect(v.ok, JSON.stringify([f, v])).toBe(true);
    }
  });

  it("is deterministic and leaves the last two years empty for every fourth indicator", () => {
    expect(generateDemoFigures(SYNTHETIC_PROGRAM)).toEqual(figures);
    const fourth = SYNTHETIC_PROGRAM.indicators[3]?.code;
    const years = figures
      .filter((f) => f.indicator === fourth && f.region === null)
      .map((f) => f.period.slice(0, 4));
    expect(years).toEqual(["2018", "2019", "2020"]);
  });
});
