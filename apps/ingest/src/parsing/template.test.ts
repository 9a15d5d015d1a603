import {
  indexPrograms,
  type ProgramDefinition,
  programDefinitionSchema,
  validateRow,
} from "@spm/kpi";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { buildCsvTemplate, buildXlsxTemplate, templateFileName } from "./template";
import { parseAll } from "./test-support";
import type { ParsedRow } from "./types";

const name = (ru: string) => ({ en: `${ru} (en)`, ru, kk: `${ru} (kk)` });
const source = "test";

const PROGRAM: ProgramDefinition = programDefinitionSchema.parse({
  code: "KZ-TEST-2018-2022",
  name: name("Программа"),
  years: { baseline: 2017, start: 2018, end: 2022 },
  nation: { code: "KZ", name: name("Казахстан") },
  directions: [{ code: "D1", name: name("Направление") }],
  regions: [
    { code: "KZ-ALA", name: name("Алматы") },
    { code: "KZ-AST", name: name("Астана") },
  ],
  indicators: [
    {
      code: "HQ_READINESS",
      direction: "D1",
      name: name("Готовность штабов, «%»"),
      unit: "percent",
      polarity: "increase",
      baseline: { year: 2017, value: 92, source },
      targets: { 2022: 97 },
    },
    {
      code: "CASES_Q",
      direction: "D1",
      name: name("Случаи"),
      unit: "count",
      polarity: "decrease",
      frequency: "quarterly",
      disaggregation: "regional",
      baseline: { year: 2017, value: 10, source },
      targets: { 2022: 5 },
    },
    {
      code: "EVENTS_M",
      direction: "D1",
      name: name("Мероприятия"),
      unit: "count",
      polarity: "monitor",
      frequency: "monthly",
      baseline: { year: 2017, value: 1, source },
      targets: {},
    },
  ],
});

const EXPECTED_ROWS = [
  {
    row: 2,
    raw: {
      indicator: "HQ_READINESS",
      period: "2018",
      region: "",
      value: "",
      flag: "",
      note: "",
      source: "",
    },
  },
  {
    row: 3,
    raw: {
      indicator: "CASES_Q",
      period: "2018Q1",
      region: "KZ-ALA",
      value: "",
      flag: "",
      note: "",
      source: "",
    },
  },
  {
    row: 4,
    raw: {
      indicator: "EVENTS_M",
      period: "201801",
      region: "",
      value: "",
      flag: "",
      note: "",
      source: "",
    },
  },
];

// The rows are valid for the programme but for the value the steward is to fill in.
function expectOnlyValueMissing(rows: ParsedRow[]) {
  const indexed = indexPrograms([PROGRAM]);
  if (!indexed.ok) throw new Error(indexed.code);
  for (const row of rows) {
    if (!("raw" in row)) throw new Error(`row ${row.row}: ${row.error.code}`);
    const result = validateRow(row.raw, indexed.index);
    expect(!result.ok && result.errors.map((e) => e.code)).toEqual(["value_missing"]);
  }
}

describe("CSV template", () => {
  test("canonical header, UTF-8 with BOM, one example row per indicator", () => {
    const bytes = buildCsvTemplate(PROGRAM);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("indicator,period,region,value,flag,note,source");
    expect(lines.slice(1)).toEqual([
      "HQ_READINESS,2018,,,,,",
      "CASES_Q,2018Q1,KZ-ALA,,,,",
      "EVENTS_M,201801,,,,,",
      "",
    ]);
    expect(templateFileName(PROGRAM, "csv")).toBe("KZ-TEST-2018-2022-template.csv");
  });

  test("round-trips through the parser", async () => {
    const { upload, rows } = await parseAll(buildCsvTemplate(PROGRAM), "template.csv");
    expect([upload.format, upload.encoding, upload.delimiter, upload.warnings]).toEqual([
      "csv",
      "utf-8",
      ",",
      [],
    ]);
    expect(rows).toEqual(EXPECTED_ROWS);
    expectOnlyValueMissing(rows);
  });
});

describe("Excel template", () => {
  test("sheets data, indicators and regions", async () => {
    const book = new ExcelJS.Workbook();
    // exceljs declares its own narrower Buffer type.
    await book.xlsx.load((await buildXlsxTemplate(PROGRAM)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["data", "indicators", "regions"]);
    const values = (sheet: string, row: number) => book.getWorksheet(sheet)?.getRow(row).values;
    expect(values("indicators", 1)).toEqual([
      undefined,
      "code",
      "name (en)",
      "name (ru)",
      "name (kk)",
      "unit",
      "frequency",
      "disaggregation",
    ]);
    expect(values("indicators", 3)).toEqual([
      undefined,
      "CASES_Q",
      "Случаи (en)",
      "Случаи",
      "Случаи (kk)",
      "count",
      "quarterly",
      "regional",
    ]);
    expect(values("regions", 2)).toEqual([
      undefined,
      "KZ",
      "Казахстан (en)",
      "Казахстан",
      "Казахстан (kk)",
    ]);
    expect(book.getWorksheet("regions")?.rowCount).toBe(4);
  });

  test("round-trips through the parser", async () => {
    const { upload, rows } = await parseAll(await buildXlsxTemplate(PROGRAM), "template.xlsx");
    expect([upload.format, upload.sheet]).toEqual(["xlsx", "data"]);
    expect(rows).toEqual(EXPECTED_ROWS);
    expectOnlyValueMissing(rows);
  });
});
