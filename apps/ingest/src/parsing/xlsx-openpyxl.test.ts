import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, test } from "vitest";
import { parseAll } from "./test-support";
import type { ParsedRow } from "./types";
import { isoToSerial } from "./xlsx-iso-dates";
import { sheetXml } from "./xlsx-sheet-xml";

// Workbooks made by openpyxl (fixtures/make-openpyxl.py): its sheets come before workbook.xml,
// its relationships name parts from the package root, and `iso_dates` writes dates as text.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const figures = (rows: ParsedRow[]) =>
  rows.map((r) => ("raw" in r ? [r.raw.period, r.raw.region, r.raw.value] : r.error.code));

describe("workbooks written by openpyxl (pandas.DataFrame.to_excel)", () => {
  test("its default sheet ('Sheet') is read, with a date cell as the year its format shows", async () => {
    for (const chunkSize of [64 * 1024, 1000]) {
      const { upload, rows } = await parseAll(fixture("openpyxl-default.xlsx"), "figures.xlsx", {
        chunkSize,
      });
      expect([upload.format, upload.sheet]).toEqual(["xlsx", "Sheet"]);
      expect(figures(rows)).toEqual([
        ["2021", "KZ", "93.5"],
        ["2020", "KZ-ALA", "91"],
      ]);
    }
  });

  test.each(["openpyxl-iso-dates.xlsx", "openpyxl-iso-dates-1904.xlsx"])(
    "ISO date cells of %s are read as the dates they say, in their formats",
    async (name) => {
      const { upload, rows } = await parseAll(fixture(name), "figures.xlsx", { chunkSize: 777 });
      expect(upload.sheet).toBe("data");
      expect(figures(rows)).toEqual([
        ["2021", "KZ", "94"],
        ["2021-03", "KZ-ALA", "95"],
        ["2021-12-31", "KZ-AST", "96"],
      ]);
    },
  );
});

describe("formulas openpyxl wrote without calculating them", () => {
  test("one read as a value rejects its row, naming the cell; one in an unread column is no matter", async () => {
    const { upload, rows } = await parseAll(fixture("openpyxl-formulas.xlsx"), "f.xlsx");
    expect(upload.warnings.map((w) => w.code)).toEqual(["columns_ignored"]);
    expect(rows).toEqual([
      { row: 2, raw: { indicator: "HQ_READINESS", period: "2019", region: "KZ", value: "93.5" } },
      {
        row: 3,
        error: expect.objectContaining({
          code: "formula_not_calculated",
          field: "value",
          params: { cell: "D3" },
        }),
        given: { indicator: "HQ_READINESS", period: "2020", region: "KZ", value: "" },
      },
    ]);
  });
});

describe("isoToSerial", () => {
  test.each([
    ["1900-03-01", false, 61],
    ["2021-01-01", false, 44197],
    ["2021-01-01T00:00:00", false, 44197],
    ["2021-03-01T12:30:00", false, 44256.520833333336],
    ["2021-01-01 06:00", false, 44197.25],
    ["2021-01-01T00:00:00Z", false, 44197],
    ["2021-01-01", true, 42735],
  ])("%s (1904: %s) is day %d", (iso, date1904, serial) => {
    expect(isoToSerial(iso, date1904)).toBeCloseTo(serial, 9);
  });

  test.each(["2021-02-30", "2021-13-01", "21-01-01", "2021", "12:30:00", "", "2021-01-01T25:00"])(
    "%j is not a date",
    (iso) => {
      expect(isoToSerial(iso)).toBeUndefined();
    },
  );
});

describe("sheetXml: ISO date cells", () => {
  const xml =
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>t="d" 2021</t></is></c>' +
    '<c r="B1" s="1" t="d"><v>2021-01-01T00:00:00</v></c><c r="C1"/>' +
    '<c r="D1" t="d" s="2"><v>не дата</v></c><c r="E1" t="n"><v>5</v></c></row></sheetData>';
  const expected =
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>t="d" 2021</t></is></c>' +
    '<c r="B1" s="1"><v>44197</v></c><c r="C1"/>' +
    '<c r="D1" t="str" s="2"><v>не дата</v></c><c r="E1" t="n"><v>5</v></c></row></sheetData>';
  const rewrite = (chunks: Buffer[]) =>
    text(Readable.from(chunks, { objectMode: false }).pipe(sheetXml(() => false)));

  test("rewrites date cells to serial numbers and keeps other text, however the XML is cut", async () => {
    const bytes = Buffer.from(xml, "utf8");
    expect(await rewrite([bytes])).toBe(expected);
    // Every cut into two chunks, inside tags, values and multi-byte letters alike.
    for (let at = 1; at < bytes.length; at++) {
      expect(await rewrite([bytes.subarray(0, at), bytes.subarray(at)])).toBe(expected);
    }
    expect(await rewrite([...bytes].map((b) => Buffer.from([b])))).toBe(expected);
  });
});
