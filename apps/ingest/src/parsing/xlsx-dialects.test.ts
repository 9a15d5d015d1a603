import { readFileSync } from "node:fs";
import { Readable, type Transform } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, test } from "vitest";
import { parseAll, parseBytes, workbookBytes } from "./test-support";
import type { ParsedRow } from "./types";
import { sheetXml, unprefixed, workbookXml } from "./xlsx-sheet-xml";

// Workbooks in the dialects of Google Sheets, Excel for Mac (1904 calendar), Excel for Windows
// (transitional and Strict), the Open XML SDK and a minimal streaming writer, built part by part
// by fixtures/make-dialects.py.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const shown = (rows: ParsedRow[]) =>
  rows.map((r) =>
    "raw" in r
      ? [r.row, r.raw.indicator, r.raw.period, r.raw.region, r.raw.value]
      : [r.row, r.error.code, r.error.field, r.error.params],
  );
const open = async (name: string) => {
  const runs = [];
  for (const chunkSize of [64 * 1024, 500])
    runs.push(await parseAll(fixture(name), name, { chunkSize }));
  expect(runs[1]).toEqual(runs[0]);
  return runs[0] as (typeof runs)[number];
};

describe("workbooks in every tool's dialect", () => {
  test("Google Sheets: notes above the header, numbers as 2019.0, a hidden row, cached formulas", async () => {
    const { upload, rows } = await open("google-sheets.xlsx");
    expect([upload.format, upload.sheet]).toEqual(["xlsx", "Показатели"]);
    expect(upload.warnings.map((w) => [w.code, w.params])).toEqual([
      ["rows_above_header", { row: 3, count: 1 }],
    ]);
    expect(shown(rows)).toEqual([
      [4, "HQ_READINESS", "2019", "KZ", "94"],
      [5, "HQ_READINESS", "2020", "KZ-ALA", "91.5"],
      [6, "HQ_READINESS", "2021", "KZ-AST", "92.5"],
      [7, "HQ_READINESS", "2018", "KZ", "88"],
      [8, "cell_error", "value", { cell: "D8", error: "#N/A" }],
    ]);
    expect(rows.map((r) => ("raw" in r ? r.raw.source : r.given?.source))).toEqual(
      Array(5).fill("Google Sheets"),
    );
  });

  test("Excel for Mac, 1904 calendar: dates and a date formula as the days they show", async () => {
    const { upload, rows } = await open("excel-mac-1904.xlsx");
    expect([upload.format, upload.sheet]).toEqual(["xlsx", "Sheet1"]);
    expect(upload.warnings.map((w) => [w.code, w.params])).toEqual([
      ["columns_ignored", { columns: "доля" }],
    ]);
    expect(shown(rows)).toEqual([
      [2, "HQ_READINESS", "2018", "KZ", "91"],
      [3, "HQ_READINESS", "2019-03-15", "KZ-ALA", "92.5"],
      [4, "HQ_READINESS", "2020", "KZ-AST", "93"],
    ]);
  });

  test.each(["excel-windows.xlsx", "excel-strict.xlsx"])(
    "Excel for Windows (%s): a chart tab, tabs in another order than their parts, rich text, 17-digit doubles, a pasted #N/A",
    async (name) => {
      const { upload, rows } = await open(name);
      expect([upload.format, upload.sheet, upload.warnings]).toEqual(["xlsx", "Лист1", []]);
      expect(shown(rows)).toEqual([
        [2, "HQ_READINESS", "2019", "KZ", "92.3"],
        [3, "HQ_READINESS", "2020", "KZ-ALA", "95.5%"],
        [4, "HQ_READINESS", "2019-12-31", "KZ-AST", "90"],
        [5, "cell_error", "value", { cell: "D5", error: "#N/A" }],
      ]);
      expect(rows[0]).toMatchObject({ raw: { note: "Данные министерства" } });
    },
  );

  test("a minimal writer: rows and cells without r, inline rich strings, no styles part", async () => {
    const { upload, rows } = await open("minimal-writer.xlsx");
    expect([upload.format, upload.sheet, upload.warnings]).toEqual(["xlsx", "Выгрузка", []]);
    expect(rows).toEqual([
      {
        row: 2,
        raw: {
          indicator: "HQ_READINESS",
          period: "2019",
          region: "KZ",
          value: "93.5",
          flag: "FALSE",
          note: "Данные министерства",
        },
      },
      {
        row: 4,
        raw: {
          indicator: "HQ_READINESS",
          period: "2020",
          region: "KZ-ALA",
          value: "91",
          flag: "provisional",
          note: "& итог",
        },
      },
    ]);
  });
});

test("the Open XML SDK: prefixed elements, a first part named sheet.xml, generated ids", async () => {
  const { upload, rows } = await open("openxml-sdk.xlsx");
  expect([upload.format, upload.sheet, upload.warnings]).toEqual(["xlsx", "Отчёт", []]);
  expect(shown(rows)).toEqual([
    [2, "HQ_READINESS", "2019", "KZ", "93.5"],
    [3, "HQ_READINESS", "2020", "KZ-ALA", "91"],
  ]);
});

test("exceljs formulas: with a result, that result; without one, never calculated", async () => {
  const bytes = await workbookBytes((book) => {
    const sheet = book.addWorksheet("data");
    sheet.addRow(["indicator", "period", "value"]);
    sheet.addRow(["A", 2018, { formula: "40+50", result: 90 }]);
    sheet.addRow(["A", 2019, { formula: "40+50" }]);
  });
  const { rows } = await parseAll(bytes, "book.xlsx");
  expect(shown(rows)).toEqual([
    [2, "A", "2018", undefined, "90"],
    [3, "formula_not_calculated", "value", { cell: "C3" }],
  ]);
});

describe("the header below notes", () => {
  const notes = (count: number) =>
    workbookBytes((book) => {
      const sheet = book.addWorksheet("Отчёт");
      for (let i = 1; i <= count; i++) sheet.addRow([`Примечание ${i}`]);
      sheet.addRow([]);
      sheet.addRow(["indicator", "period", "value"]);
      sheet.addRow(["A", 2018, 1]);
    });

  test("is found below up to 20 rows of notes, and the rows above it counted", async () => {
    const { upload, rows } = await parseAll(await notes(20), "book.xlsx");
    expect(upload.warnings.map((w) => [w.code, w.params])).toEqual([
      ["rows_above_header", { row: 22, count: 20 }],
    ]);
    expect(rows).toEqual([{ row: 23, raw: { indicator: "A", period: "2018", value: "1" } }]);
  });

  test("is not looked for further down: 21 rows of notes are a sheet without a header", async () => {
    const result = await parseBytes(await notes(21), "book.xlsx");
    expect(result.ok || result.error.code).toBe("header_missing");
  });

  test("a CSV's first line is still its header", async () => {
    const result = await parseBytes("Отчёт за 2018\nindicator,period,value\nA,2018,1\n", "a.csv");
    expect(result.ok || result.error.code).toBe("header_missing");
  });
});

describe("the XML rewritten for exceljs, however it is cut into chunks", () => {
  const through = async (make: () => Transform, xml: string, expected: string) => {
    const bytes = Buffer.from(xml, "utf8");
    const run = (chunks: Buffer[]) =>
      text(Readable.from(chunks, { objectMode: false }).pipe(make()));
    expect(await run([bytes])).toBe(expected);
    for (let at = 1; at < bytes.length; at++)
      expect(await run([bytes.subarray(0, at), bytes.subarray(at)])).toBe(expected);
  };

  test("rows and cells numbered where the file does not, formulas dropped for their values", async () => {
    const xml =
      '<sheetData><row><c t="inlineStr"><is><r><t>Дан</t></r><r><t xml:space="preserve">ные</t></r>' +
      '<rPh sb="0" eb="1"><t>ф</t></rPh></is></c><c/><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c s="2"><f t="shared" si="0"/><v>7</v></c></row><row r="5"><c t="str"><f>"a"</f><v>a</v></c>' +
      '</row><row spans="1:2"/><row><c t="b"><v>1</v></c></row></sheetData>';
    const expected =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Данные</t></is></c><c r="B1"/>' +
      '<c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" s="2"><v>7</v></c></row><row r="5">' +
      '<c r="A5" t="str"><v>a</v></c></row><row r="6" spans="1:2"/><row r="7">' +
      '<c r="A7" t="b"><v>1</v></c></row></sheetData>';
    await through(() => sheetXml(() => false), xml, expected);
  });

  test("SpreadsheetML's own prefix dropped from element names, and no other", async () => {
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const xml = `<?xml version="1.0"?><x:sst xmlns:x="${main}" xmlns:y="urn:other"><x:si><x:t>Да</x:t><y:t/></x:si></x:sst>`;
    const plain = `<?xml version="1.0"?><sst xmlns:x="${main}" xmlns:y="urn:other"><si><t>Да</t><y:t/></si></sst>`;
    await through(unprefixed, xml, plain);
    const other = `<x:sst xmlns:x="urn:not-spreadsheetml"><x:si/></x:sst>`;
    await through(unprefixed, other, other);
  });

  test("the 1904 calendar spelt true or 1 (LibreOffice, Excel), and nothing else, is read as 1", async () => {
    for (const [given, read] of [
      ['date1904="true"', 'date1904="1"'],
      ["date1904='1'", 'date1904="1"'],
      ['date1904="false"', 'date1904="false"'],
    ] as const) {
      const xml = `<workbook><workbookPr backupFile="false" ${given}/><sheets/></workbook>`;
      await through(workbookXml, xml, xml.replace(given, read));
    }
  });
});
