import { describe, expect, it } from "vitest";
import {
  isConfidentialFlag,
  showEvaluation,
  showFigure,
  showFigureWithRevisions,
  showRowError,
  showYearStatuses,
  withholdConfidential,
} from "./confidential";
import { evaluateIndicator, type StoredFigure } from "./evaluate";
import { explainStatus } from "./explain";
import type { IndicatorDefinition } from "./program";
import { SYNTHETIC_PROGRAM } from "./test-fixtures";

const program = SYNTHETIC_PROGRAM;
const byCode = (code: string) =>
  program.indicators.find((i) => i.code === code) as IndicatorDefinition;
const asOf = "2021-06-30";

function evaluate(code: string, figures: StoredFigure[], region?: string) {
  return evaluateIndicator({ program, indicator: byCode(code), figures, region, asOf });
}

// 1234.5678 appears in no target, baseline or other figure: if it shows anywhere, it leaked.
const SECRET = 1234.5678;
const countFigures: StoredFigure[] = [
  { period: "2018", region: "KZ-ALA", value: 95 },
  { period: "2019", region: "KZ-ALA", value: 85 },
  { period: "2020", region: "KZ-ALA", value: SECRET, flag: "confidential" },
  { period: "2020", region: "KZ-AST", value: 70 },
];

describe("isConfidentialFlag", () => {
  it.each([
    ["confidential", true],
    ["CONFIDENTIAL", true],
    ["estimated", false],
    [null, false],
    [undefined, false],
  ])("%s → %s", (flag, expected) => {
    expect(isConfidentialFlag(flag)).toBe(expected);
  });
});

describe("withholdConfidential", () => {
  it("marks the points a confidential figure made, a region's and the nation's sum of it", () => {
    const region = evaluate("CNT_DOWN", countFigures, "KZ-ALA");
    expect(region.series.find((p) => p.year === 2020)).toMatchObject({
      value: SECRET,
      confidential: true,
    });
    expect(region.series.find((p) => p.year === 2019)?.confidential).toBe(false);
    const nation = evaluate("CNT_DOWN", countFigures);
    expect(nation.series.find((p) => p.year === 2020)).toMatchObject({
      derived: true,
      confidential: true,
    });
    expect(evaluate("CNT_DOWN", countFigures, "KZ-AST").series.every((p) => !p.confidential)).toBe(
      true,
    );
  });

  it("keeps the levels and the mark, and no number that is or reveals the figure", () => {
    for (const region of ["KZ-ALA", undefined]) {
      const full = evaluate("CNT_DOWN", countFigures, region);
      const shown = withholdConfidential(full);
      expect(shown.withheld).toEqual({ current: true, trajectory: true });
      expect(shown.status.current.level).toBe(full.status.current.level);
      expect(shown.status.trajectory.level).toBe(full.status.trajectory.level);
      expect(shown.status.current).toMatchObject({ year: 2020, actual: null, ratio: null });
      expect(shown.status.trajectory).toMatchObject({ projected: null, ratio: null });
      expect(shown.latest).toMatchObject({ year: 2020, value: null, confidential: true });
      expect(shown.series.find((p) => p.year === 2020)).toMatchObject({
        value: null,
        confidential: true,
      });
      expect(shown.series.find((p) => p.year === 2019)?.value).not.toBeNull();
      expect(JSON.stringify(shown)).not.toMatch(/1234|1304/); // the figure, the nation's sum
      for (const locale of ["en", "ru", "kk"] as const) {
        const text = explainStatus(shown.status, locale, shown.withheld);
        expect(text.current).not.toMatch(/1\s?234|1\s?304/);
        expect(text.current.length).toBeGreaterThan(10);
      }
    }
  });

  it("withholds the trajectory alone when the confidential figure is an earlier year's", () => {
    const figures: StoredFigure[] = [
      { period: "2018", region: "KZ", value: 93.25, flag: "confidential" },
      { period: "2019", region: "KZ", value: 94 },
      { period: "2020", region: "KZ", value: 95 },
    ];
    const shown = withholdConfidential(evaluate("PCT_UP", figures));
    expect(shown.withheld).toEqual({ current: false, trajectory: true });
    expect(shown.status.current.actual).toBe(95);
    expect(shown.status.inputs.points.map((p) => p.year)).not.toContain(2018);
    expect(JSON.stringify(shown)).not.toContain("93.25");
    expect(explainStatus(shown.status, "en", shown.withheld).trajectory).toContain("confidential");
  });

  it("leaves an evaluation without confidential figures as it is", () => {
    const figures = countFigures.filter((f) => !f.flag);
    const full = evaluate("CNT_DOWN", figures);
    const { withheld, ...shown } = withholdConfidential(full);
    expect(withheld).toEqual({ current: false, trajectory: false });
    expect(shown).toEqual(full);
  });

  it("treats a stored evaluation from before the mark as confidential", () => {
    const full = evaluate("PCT_UP", [{ period: "2020", region: "KZ", value: 96 }]);
    const old = {
      ...full,
      series: full.series.map(({ confidential: _c, ...p }) => p),
      latest: full.latest && { ...full.latest, confidential: undefined },
    } as unknown as typeof full;
    expect(withholdConfidential(old).status.current.actual).toBeNull();
  });
});

describe("showEvaluation", () => {
  it("shows everything to a reader with the permission, withholds from one without", () => {
    const full = evaluate("CNT_DOWN", countFigures, "KZ-ALA");
    expect(showEvaluation(full, true).status.current.actual).toBe(SECRET);
    expect(showEvaluation(full, false).status.current.actual).toBeNull();
  });
});

describe("showFigure and showFigureWithRevisions", () => {
  const revision = (value: number, flag: string | null) => ({ value, flag, note: `was ${value}` });
  const figure = {
    ...revision(SECRET, "confidential"),
    period: "2020",
    revisions: [revision(SECRET, "confidential"), revision(1000.5, null)],
  };

  it("withholds a confidential figure's value, its note and every revision of it", () => {
    const shown = showFigureWithRevisions(figure, false);
    expect(shown).toMatchObject({ period: "2020", value: null, note: null, withheld: true });
    expect(shown.revisions.every((r) => r.value === null && r.withheld)).toBe(true);
    expect(shown.revisions[0]?.flag).toBe("confidential");
    expect(JSON.stringify(shown)).not.toMatch(/1234|1000/);
  });

  it("withholds a confidential revision of a figure that is public now", () => {
    const open = {
      ...revision(5, null),
      revisions: [revision(5, null), revision(7.25, "confidential")],
    };
    const shown = showFigureWithRevisions(open, false);
    expect(shown.value).toBe(5);
    expect(shown.revisions.map((r) => r.value)).toEqual([5, null]);
  });

  it("shows everything to a reader with the permission", () => {
    expect(showFigureWithRevisions(figure, true).revisions.map((r) => r.value)).toEqual([
      SECRET,
      1000.5,
    ]);
    expect(showFigure({ value: 1, flag: "estimated", note: null }, false).value).toBe(1);
  });
});

describe("showYearStatuses", () => {
  it("keeps each year's level and withholds a confidential year's actual and ratio", () => {
    const indicator = byCode("CNT_DOWN");
    const evaluation = evaluate("CNT_DOWN", countFigures, "KZ-ALA");
    const input = { indicator, years: program.years, evaluation, asOf };
    const full = showYearStatuses(input, true);
    const shown = showYearStatuses(input, false);
    expect(shown.map((y) => [y.year, y.status.level])).toEqual(
      full.map((y) => [y.year, y.status.level]),
    );
    expect(full.find((y) => y.year === 2020)?.status.actual).toBe(SECRET);
    expect(shown.find((y) => y.year === 2020)?.status).toMatchObject({ actual: null, ratio: null });
    expect(shown.find((y) => y.year === 2019)?.status.actual).toBe(85);
  });
});

describe("showRowError", () => {
  const error = {
    row: 2,
    field: "value",
    code: "value_not_a_number",
    params: { value: "7654x125" },
    message: "“7654x125” is not a number.",
  };
  it("withholds the value a confidential row's error quotes, keeping its code and reason", () => {
    const shown = showRowError({ ...error, flag: " Confidential " }, false);
    expect(shown).toMatchObject({ code: "value_not_a_number", withheld: true });
    expect(JSON.stringify(shown)).not.toContain("7654");
    expect(shown.message).toBe("“…” is not a number.");
  });
  it("keeps it for a permitted reader, and for rows sent without the flag", () => {
    expect(showRowError({ ...error, flag: "confidential" }, true)).toMatchObject({
      params: { value: "7654x125" },
      withheld: false,
    });
    expect(showRowError({ ...error, flag: "estimated" }, false).message).toContain("7654");
    expect(showRowError({ ...error, flag: null }, false).withheld).toBe(false);
  });
});
