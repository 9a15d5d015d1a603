import { describe, expect, it } from "vitest";
import { indexPrograms, type ProgramIndex } from "./program-index";
import { SYNTHETIC_PROGRAM } from "./test-fixtures";
import { type RawRow, validateRow } from "./validate-row";

function buildIndex(): ProgramIndex {
  const result = indexPrograms([SYNTHETIC_PROGRAM]);
  if (!result.ok) throw new Error("the synthetic programme must index");
  return result.index;
}
const index = buildIndex();

describe("indexPrograms", () => {
  it("finds every indicator by code with its programme", () => {
    expect(index.indicators.size).toBe(7);
    expect(index.indicators.get("SUM_Q")?.program).toMatchObject({
      code: "TEST-PROG-2018-2022",
      nation: "KZ",
      years: { history: 2010, baseline: 2017, start: 2018, end: 2022 },
    });
    expect([...index.regions].sort()).toEqual(["KZ-ALA", "KZ-AST"]);
  });

  it("refuses an indicator code used by two programmes", () => {
    const other = { ...SYNTHETIC_PROGRAM, code: "OTHER-PROG" };
    expect(indexPrograms([SYNTHETIC_PROGRAM, other])).toEqual({
      ok: false,
      code: "duplicate_indicator",
      indicator: "PCT_UP",
      programs: ["TEST-PROG-2018-2022", "OTHER-PROG"],
    });
  });

  it("defaults the history year to the baseline year", () => {
    const { history: _, ...years } = SYNTHETIC_PROGRAM.years;
    const result = indexPrograms([{ ...SYNTHETIC_PROGRAM, years }]);
    expect(result.ok && result.index.programs[0]?.years.history).toBe(2017);
  });
});

describe("validateRow accepts and normalises", () => {
  it.each<[RawRow, object]>([
    [
      { indicator: "PCT_UP", period: "2018", value: "92,5" },
      { indicator: "PCT_UP", period: "2018", year: 2018, region: null, value: 92.5 },
    ],
    [
      { indicator: " pct_up ", period: 2019, region: "KZ", value: 93, flag: "Estimated" },
      { period: "2019", region: null, value: 93, flag: "estimated" },
    ],
    [
      { indicator: "CNT_DOWN", period: "2020", region: "kz-ala", value: "1 200" },
      { region: "KZ-ALA", value: 1200, frequency: "yearly" },
    ],
    [
      { indicator: "CNT_DOWN", period: "2020", region: "KZ", value: "70" },
      { region: null, value: 70 },
    ],
    [
      { indicator: "SUM_Q", period: "2018-Q3", region: "", value: "105" },
      { period: "2018Q3", year: 2018, frequency: "quarterly", region: null },
    ],
    [
      { indicator: "MEAN_M", period: "2018-03", value: "17,5%", note: " checked ", source: "" },
      { period: "201803", value: 17.5, note: "checked", source: null },
    ],
    [
      { indicator: "PCT_UP", period: "2010", value: "90" },
      { period: "2010", year: 2010 },
    ],
  ])("%j", (raw, expected) => {
    const result = validateRow(raw, index);
    expect(result).toMatchObject({
      ok: true,
      row: { program: "TEST-PROG-2018-2022", ...expected },
    });
  });
});

describe("validateRow refuses a value of JSON that is no number or text", () => {
  it.each([true, false, { n: 5 }, [1, 2], { long: "x".repeat(100) }])("%j", (value) => {
    const got = validateRow({ indicator: "PCT_UP", period: "2018", value } as never, index);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.errors.map((e) => [e.field, e.code])).toEqual([["value", "value_not_a_number"]]);
    expect(String(got.errors[0]?.params?.value).length).toBeLessThanOrEqual(41);
  });
});

describe("validateRow rejects, reporting every error of the row", () => {
  it.each<[RawRow, [string, string][]]>([
    [{ period: "2018", value: "1" }, [["indicator", "indicator_missing"]]],
    [{ indicator: "NOPE", period: "2018", value: "1" }, [["indicator", "unknown_indicator"]]],
    [
      { indicator: "NOPE", period: "2018Q5", region: "KZ-XXX", value: "x", flag: "guess" },
      [
        ["indicator", "unknown_indicator"],
        ["region", "unknown_region"],
        ["period", "period_quarter_invalid"],
        ["value", "value_not_a_number"],
        ["flag", "flag_invalid"],
      ],
    ],
    [{ indicator: "NOPE", period: "2018", value: "50%" }, [["indicator", "unknown_indicator"]]],
    [
      { indicator: "PCT_UP", period: "2018", region: "KZ-XXX", value: "1" },
      [["region", "unknown_region"]],
    ],
    [
      { indicator: "PCT_UP", period: "2018", region: "KZ-ALA", value: "1" },
      [["region", "region_not_allowed_for_national_indicator"]],
    ],
    [{ indicator: "PCT_UP", value: "1" }, [["period", "period_missing"]]],
    [{ indicator: "PCT_UP", period: "18", value: "1" }, [["period", "period_invalid"]]],
    [{ indicator: "MEAN_M", period: "201813", value: "1" }, [["period", "period_month_invalid"]]],
    [
      { indicator: "PCT_UP", period: "2018Q1", value: "1" },
      [["period", "period_frequency_mismatch"]],
    ],
    [{ indicator: "SUM_Q", period: "2018", value: "1" }, [["period", "period_frequency_mismatch"]]],
    [{ indicator: "PCT_UP", period: "2009", value: "1" }, [["period", "period_out_of_range"]]],
    [{ indicator: "PCT_UP", period: "2023", value: "1" }, [["period", "period_out_of_range"]]],
    [{ indicator: "SUM_Q", period: "2023Q1", value: "1" }, [["period", "period_out_of_range"]]],
    [{ indicator: "PCT_UP", period: "2018", value: "" }, [["value", "value_missing"]]],
    [{ indicator: "PCT_UP", period: "2018", value: null }, [["value", "value_missing"]]],
    [{ indicator: "PCT_UP", period: "2018", value: "101" }, [["value", "value_out_of_range"]]],
    [{ indicator: "PCT_UP", period: "2018", value: 101 }, [["value", "value_out_of_range"]]],
    [{ indicator: "CNT_DOWN", period: "2018", value: "12,5" }, [["value", "value_not_integer"]]],
    [
      { indicator: "CNT_DOWN", period: "2018", value: "5%" },
      [["value", "value_percent_sign_not_allowed"]],
    ],
    [{ indicator: "RANGE_NUM", period: "2018", value: "1,500" }, [["value", "value_ambiguous"]]],
    [
      { indicator: "PCT_UP", period: "2018", value: "1", flag: "final" },
      [["flag", "flag_invalid"]],
    ],
    [
      {
        indicator: "PCT_UP",
        period: "2018",
        value: "1",
        note: "x".repeat(2001),
        source: "y".repeat(501),
      },
      [
        ["note", "text_too_long"],
        ["source", "text_too_long"],
      ],
    ],
    [
      { indicator: "CNT_DOWN", period: "2018-Q1", region: "KZ-XXX", value: "-1" },
      [
        ["region", "unknown_region"],
        ["period", "period_frequency_mismatch"],
        ["value", "value_out_of_range"],
      ],
    ],
  ])("%j", (raw, expected) => {
    const result = validateRow(raw, index);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.field, e.code])).toEqual(expected);
  });

  it("gives the parameters the messages need", () => {
    const result = validateRow(
      { indicator: "SUM_Q", period: "2018", region: "KZ-ALA", value: "1" },
      index,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: "region",
          code: "region_not_allowed_for_national_indicator",
          params: { indicator: "SUM_Q", region: "KZ-ALA", nation: "KZ" },
        },
        {
          field: "period",
          code: "period_frequency_mismatch",
          params: { indicator: "SUM_Q", period: "2018", expected: "quarterly", actual: "yearly" },
        },
      ],
    });
  });

  it("checks the programme's accepted years with their bounds", () => {
    const result = validateRow({ indicator: "PCT_UP", period: "2030", value: "1" }, index);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: "period_out_of_range", params: { period: "2030", from: 2010, to: 2022 } }],
    });
  });

  it("names the DHIS2 period type it does not keep", () => {
    const result = validateRow({ indicator: "PCT_UP", period: "2018W10", value: "1" }, index);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: "period",
          code: "period_type_unsupported",
          params: { period: "2018W10", type: "Weekly" },
        },
      ],
    });
  });
});
