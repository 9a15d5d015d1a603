import { describe, expect, it } from "vitest";
import { programDefinitionSchema } from "./program";
import { formatRowError } from "./row-error-messages";
import { SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";
import {
  checkFigureQuality,
  outlierOf,
  previousPeriodOf,
  type QualityFigure,
  type QualityIndicator,
  type ValidationRule,
  validationRulesSchema,
} from "./validation-rules";

const REGIONS = new Set(["KZ-AKM", "KZ-ALA"]);
const fig = (region: string, period: string, value: number): QualityFigure => ({
  indicator: "IND",
  region,
  period,
  value,
});
const run = (rules: ValidationRule[], rows: QualityFigure[], stored: QualityFigure[] = []) => {
  const ind: QualityIndicator = { rules, nation: "KZ", regions: REGIONS };
  return checkFigureQuality(rows, stored, (code) => (code === "IND" ? ind : undefined));
};
const codes = (o?: { errors: { code: string }[]; warnings: { code: string }[] }) => [
  o?.errors.map((f) => f.code),
  o?.warnings.map((f) => f.code),
];

describe("validation rules", () => {
  it.each([
    ["min", { rule: "min", value: 10, severity: "error" }, 9.99, "rule_min"],
    ["min met at the limit", { rule: "min", value: 10, severity: "error" }, 10, null],
    ["max", { rule: "max", value: 100, severity: "error" }, 100.5, "rule_max"],
    ["max met at the limit", { rule: "max", value: 100, severity: "error" }, 100, null],
  ] as const)("%s", (_, rule, value, code) => {
    const [outcome] = run([rule], [fig("KZ", "2024", value)]);
    expect(outcome?.errors.map((f) => f.code)).toEqual(code ? [code] : []);
  });

  it("a warning rule keeps the row and warns instead", () => {
    const [outcome] = run([{ rule: "max", value: 5, severity: "warning" }], [fig("KZ", "2024", 6)]);
    expect(codes(outcome)).toEqual([[], ["rule_max"]]);
  });

  it("change_max_pct compares with the value replaced, else the previous period's", () => {
    const rule: ValidationRule = { rule: "change_max_pct", value: 50, severity: "error" };
    const stored = [fig("KZ", "2023", 10), fig("KZ", "2024", 100)];
    const [replacing, fromPrevious, within, noReference] = run(
      [rule],
      [
        fig("KZ", "2024", 151),
        fig("KZ", "2025", 151),
        fig("KZ", "2025", 149),
        fig("KZ", "2030", 9),
      ],
      stored,
    );
    expect(replacing?.errors[0]?.params).toEqual({ value: 151, max: 50, period: "2024" });
    expect(fromPrevious?.errors[0]?.params).toEqual({ value: 151, max: 50, period: "2024" });
    expect(codes(within)).toEqual([[], []]);
    expect(codes(noReference)).toEqual([[], []]);
  });

  it("change_max_pct is not applied to a reference of zero", () => {
    const rule: ValidationRule = { rule: "change_max_pct", value: 10, severity: "error" };
    const [outcome] = run([rule], [fig("KZ", "2024", 5)], [fig("KZ", "2023", 0)]);
    expect(codes(outcome)).toEqual([[], []]);
  });

  it("regions_sum_max_national: a region's row and a national row that break it", () => {
    const rule: ValidationRule = { rule: "regions_sum_max_national", severity: "error" };
    const stored = [fig("KZ", "2024", 100), fig("KZ-AKM", "2024", 60)];
    const [fits, over, nationBelow, nationFits] = run(
      [rule],
      [
        fig("KZ-ALA", "2024", 40),
        fig("KZ-ALA", "2024", 41),
        fig("KZ", "2024", 99),
        fig("KZ", "2024", 100),
      ],
      stored,
    );
    expect(codes(fits)).toEqual([[], []]);
    expect(codes(over)).toEqual([["rule_regions_sum_max_national"], []]);
    expect(codes(nationBelow)).toEqual([["rule_regions_sum_max_national"], []]);
    expect(codes(nationFits)).toEqual([[], []]);
  });

  it("regions_sum_max_national without a national figure checks nothing", () => {
    const rule: ValidationRule = { rule: "regions_sum_max_national", severity: "error" };
    const [outcome] = run([rule], [fig("KZ-ALA", "2024", 1e9)]);
    expect(codes(outcome)).toEqual([[], []]);
  });

  it("a rejected row does not count for the rows after it", () => {
    const rules: ValidationRule[] = [
      { rule: "max", value: 1000, severity: "error" },
      { rule: "regions_sum_max_national", severity: "error" },
    ];
    const [tooBig, fits] = run(
      rules,
      [fig("KZ-AKM", "2024", 5000), fig("KZ-ALA", "2024", 90)],
      [fig("KZ", "2024", 100)],
    );
    expect(codes(tooBig)).toEqual([["rule_max", "rule_regions_sum_max_national"], []]);
    expect(codes(fits)).toEqual([[], []]);
  });

  it("an unknown indicator is not checked", () => {
    const [outcome] = checkFigureQuality(
      [{ ...fig("KZ", "2024", 1), indicator: "X" }],
      [],
      () => undefined,
    );
    expect(codes(outcome)).toEqual([[], []]);
  });
});

describe("outlier", () => {
  const history = [10, 11, 9, 10, 10];
  it.each([
    ["within 3 sd", history, 12, false],
    ["beyond 3 sd", history, 13, true],
    ["beyond 3 sd below", history, 7, true],
    ["too short a history", [10, 11, 9, 10], 1000, false],
    ["a flat history and the same value", [5, 5, 5, 5, 5], 5, false],
    ["a flat history and another value", [5, 5, 5, 5, 5], 6, true],
  ] as const)("%s", (_, points, value, warns) => {
    expect(outlierOf(value, points) !== null).toBe(warns);
  });

  it("is checked against the place's other periods, after the rules", () => {
    const stored = ["2018", "2019", "2020", "2021", "2022"].map((p) =>
      fig("KZ", p, 10 + (p === "2020" ? 1 : 0)),
    );
    const [outcome] = run([], [fig("KZ", "2024", 50)], stored);
    expect(outcome?.warnings).toEqual([
      { code: "outlier", severity: "warning", params: { value: 50, points: 5 } },
    ]);
    const [replaced] = run([], [fig("KZ", "2022", 50)], stored);
    expect(codes(replaced)).toEqual([[], []]);
  });
});

describe("previous period", () => {
  it.each([
    [{ frequency: "yearly", year: 2024 }, "2023"],
    [{ frequency: "quarterly", year: 2024, quarter: 1 }, "2023Q4"],
    [{ frequency: "quarterly", year: 2024, quarter: 3 }, "2024Q2"],
    [{ frequency: "monthly", year: 2024, month: 1 }, "202312"],
    [{ frequency: "monthly", year: 2024, month: 10 }, "202409"],
  ] as const)("%j", (period, expected) => {
    expect(previousPeriodOf(period)).toBe(expected);
  });
});

describe("the programme file's validation list", () => {
  it("refuses a duplicate kind, min above max and a zero change", () => {
    const parse = (rules: unknown) => validationRulesSchema.safeParse(rules).success;
    expect(parse([{ rule: "min", value: 1 }])).toBe(true);
    expect(
      parse([
        { rule: "min", value: 1 },
        { rule: "min", value: 2 },
      ]),
    ).toBe(false);
    expect(
      parse([
        { rule: "min", value: 3 },
        { rule: "max", value: 2 },
      ]),
    ).toBe(false);
    expect(parse([{ rule: "change_max_pct", value: 0 }])).toBe(false);
    expect(parse([{ rule: "median", value: 1 }])).toBe(false);
    expect(validationRulesSchema.parse([{ rule: "max", value: 1 }])[0]?.severity).toBe("error");
  });

  it("asks a regional indicator for regions_sum_max_national", () => {
    const program = SYNTHETIC_PROGRAM_INPUT;
    const indicators = program.indicators.map((ind) => ({
      ...ind,
      disaggregation: "national",
      validation: [{ rule: "regions_sum_max_national", severity: "warning" }],
    }));
    const parsed = programDefinitionSchema.safeParse({ ...program, indicators });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("needs a regional indicator");
  });
});

describe("messages", () => {
  it.each(["en", "ru", "kk"] as const)("word each code in %s with its parameters", (locale) => {
    const text = formatRowError(
      {
        field: "value",
        code: "rule_change_max_pct",
        params: { value: 16, max: 50, period: "2024" },
      },
      locale,
    );
    expect(text).toContain("16");
    expect(text).toContain("50");
    expect(text).toContain("2024");
    for (const code of [
      "rule_min",
      "rule_max",
      "rule_regions_sum_max_national",
      "outlier",
    ] as const)
      expect(
        formatRowError(
          { field: "value", code, params: { value: 7, min: 1, max: 2, points: 5 } },
          locale,
        ),
      ).toContain("7");
  });
});
