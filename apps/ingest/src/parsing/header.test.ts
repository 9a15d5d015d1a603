import { describe, expect, test } from "vitest";
import { CANONICAL_FIELDS, HEADER_SYNONYMS, mapHeader, normaliseHeaderName } from "./header";

function fieldsOf(cells: string[]) {
  const result = mapHeader(cells);
  if (!result.ok) throw new Error(result.error.code);
  return Object.fromEntries(result.mapping.fields.map(([index, field]) => [field, index]));
}

describe("normaliseHeaderName", () => {
  test.each([
    ["\uFEFFIndicator", "indicator"],
    ["  Код  индикатора ", "кодиндикатора"],
    ["ОТЧЁТНЫЙ ПЕРИОД", "отчетныйпериод"],
    ["Value (%)", "value"],
    ["data_element", "dataelement"],
    ["Көрсеткіш коды", "көрсеткішкоды"],
  ])("%j → %j", (name, expected) => {
    expect(normaliseHeaderName(name)).toBe(expected);
  });
});

describe("mapHeader", () => {
  test.each(
    CANONICAL_FIELDS.flatMap((field) =>
      HEADER_SYNONYMS[field].map((name) => [name, field] as const),
    ),
  )("%j names %s", (name, field) => {
    const cells = ["indicator", "period", "value"].filter((f) => f !== field);
    expect(fieldsOf([...cells, name.toUpperCase()])[field]).toBe(cells.length);
  });

  test("Russian header in any order", () => {
    expect(
      fieldsOf([
        "Значение",
        "Регион",
        "Показатель",
        "Период",
        "Признак",
        "Комментарий",
        "Источник",
      ]),
    ).toEqual({
      value: 0,
      region: 1,
      indicator: 2,
      period: 3,
      flag: 4,
      note: 5,
      source: 6,
    });
  });

  test("unknown columns are ignored with one warning; empty header cells silently", () => {
    const result = mapHeader(["indicator", "period", "value", "Ответственный", "", "Unit"]);
    expect(result.ok && result.mapping.warnings.map((w) => [w.code, w.params])).toEqual([
      ["columns_ignored", { columns: "Ответственный, Unit" }],
    ]);
    expect(result.ok && result.mapping.width).toBe(6);
  });

  test("the width is the header's cell count, padding included", () => {
    const result = mapHeader(["indicator", "period", "value", "", ""]);
    expect(result.ok && result.mapping.width).toBe(5);
  });

  test("missing required columns are named", () => {
    const result = mapHeader(["indicator", "period", "region", "note"]);
    expect(!result.ok && [result.error.code, result.error.params]).toEqual([
      "header_missing_columns",
      { columns: "value" },
    ]);
    expect(!result.ok && result.error.message.ru).toContain("value");
  });

  test("a first row with no known name is no header", () => {
    const result = mapHeader(["HQ_READINESS", "2018", "", "92"]);
    expect(!result.ok && result.error.code).toBe("header_missing");
  });

  test("two columns for one field are refused", () => {
    const result = mapHeader(["indicator", "period", "value", "note", "Комментарий"]);
    expect(!result.ok && [result.error.code, result.error.params.columns]).toEqual([
      "header_duplicate_columns",
      "note = Комментарий",
    ]);
  });

  test("the DHIS2 data value layout", () => {
    const cells =
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted".split(
        ",",
      );
    const result = mapHeader(cells);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.mapping.layout).toBe("dhis2");
    expect(result.mapping.dhis2).toEqual({
      categoryOptionCombo: 3,
      attributeOptionCombo: 4,
      deleted: 10,
    });
    expect(result.mapping.warnings).toEqual([]);
    expect(fieldsOf(cells)).toEqual({ indicator: 0, period: 1, region: 2, value: 5, note: 8 });
  });
});
