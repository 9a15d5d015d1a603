import { describe, expect, test } from "vitest";
import { aliasesOf, dataSheet, parseAll, workbookBytes } from "./test-support";
import { reorderZip } from "./test-zip";

// Excel writes the sheets before the shared strings and styles; exceljs then spools the sheets.
const EXCEL_ORDER = (names: string[]) => {
  const rank = (name: string) =>
    name.startsWith("xl/worksheets/") ? 0 : /sharedStrings|styles|workbook/.test(name) ? 2 : 1;
  return [...names].sort((a, b) => rank(a) - rank(b));
};

describe("cells", () => {
  test("values read as a person sees them", async () => {
    const bytes = await workbookBytes((book) => {
      const sheet = book.addWorksheet("Лист1");
      sheet.addRow(["Показатель", "Период", "Регион", "Значение", "Примечание"]);
      sheet.addRow(["HQ_READINESS", 2018, null, 92.5, "Данные МВД"]);
      sheet.addRow(["  "]);
      sheet.addRow([
        "CASES",
        "2019Q1",
        "KZ-ALA",
        "92,5",
        { richText: [{ text: "жирный " }, { text: "текст" }] },
      ]);
      sheet.addRow([
        "CASES",
        new Date(Date.UTC(2018, 2, 1)),
        "",
        0.925,
        { formula: "1+1", result: 2 },
      ]);
      sheet.getCell("B5").numFmt = "mmm-yy";
      sheet.getCell("D5").numFmt = "0.0%";
      sheet.addRow(["CASES", new Date(Date.UTC(2018, 2, 15)), "", 0.1 + 0.2, true]);
      sheet.getCell("B6").numFmt = "dd.mm.yyyy";
      sheet.addRow([
        "CASES",
        201803,
        "",
        1234567,
        { text: "link", hyperlink: "https://example.org" },
      ]);
      sheet.getCell("D7").numFmt = "#,##0";
    });
    const { upload, rows } = await parseAll(bytes, "book.xlsx");
    expect([upload.format, upload.sheet, upload.encoding, upload.delimiter]).toEqual([
      "xlsx",
      "Лист1",
      undefined,
      undefined,
    ]);
    expect(upload.skipped.blank).toBe(1);
    expect(rows).toEqual([
      {
        row: 2,
        raw: {
          indicator: "HQ_READINESS",
          period: "2018",
          region: "",
          value: "92.5",
          note: "Данные МВД",
        },
      },
      {
        row: 4,
        raw: {
          indicator: "CASES",
          period: "2019Q1",
          region: "KZ-ALA",
          value: "92,5",
          note: "жирный текст",
        },
      },
      {
        row: 5,
        raw: { indicator: "CASES", period: "2018-03", region: "", value: "92.5%", note: "2" },
      },
      {
        row: 6,
        raw: { indicator: "CASES", period: "2018-03-15", region: "", value: "0.3", note: "TRUE" },
      },
      {
        row: 7,
        raw: { indicator: "CASES", period: "201803", region: "", value: "1234567", note: "link" },
      },
    ]);
  });
});

describe("sheet choice", () => {
  test("the first sheet when none is named data", async () => {
    const bytes = await workbookBytes((book) => {
      dataSheet(book, "Первый", "FIRST");
      dataSheet(book, "Второй", "SECOND");
    });
    const { upload, rows } = await parseAll(bytes, "book.xlsx");
    expect(upload.sheet).toBe("Первый");
    expect(rows.map((r) => "raw" in r && r.raw.indicator)).toEqual(["FIRST"]);
  });

  test.each([
    ["as exceljs writes it", (bytes: Buffer) => bytes],
    ["as Excel orders the zip", (bytes: Buffer) => reorderZip(bytes, EXCEL_ORDER)],
  ])("the sheet named data, even second (%s)", async (_, arrange) => {
    const bytes = await workbookBytes((book) => {
      book.addWorksheet("Инструкция").addRow(["Заполните лист DATA"]);
      const sheet = dataSheet(book, " DATA ", "FROM_DATA");
      sheet.addRow(["X", new Date(Date.UTC(2019, 0, 1)), 0.5]);
      sheet.getCell("B3").numFmt = "yyyy";
      sheet.getCell("C3").numFmt = "0%";
    });
    const { upload, rows } = await parseAll(arrange(bytes), "book.xlsx");
    expect(upload.sheet).toBe(" DATA ");
    expect(rows).toEqual([
      { row: 2, raw: { indicator: "FROM_DATA", period: "2018", value: "1" } },
      { row: 3, raw: { indicator: "X", period: "2019", value: "50%" } },
    ]);
  });

  test("a hidden first sheet is passed over", async () => {
    const bytes = await workbookBytes((book) => {
      dataSheet(book, "hidden", "HIDDEN").state = "hidden";
      dataSheet(book, "shown", "SHOWN");
    });
    const { rows } = await parseAll(bytes, "book.xlsx");
    expect(rows.map((r) => "raw" in r && r.raw.indicator)).toEqual(["SHOWN"]);
  });

  test("content wins over the name: a workbook named .csv is read as Excel", async () => {
    const bytes = await workbookBytes((book) => void dataSheet(book, "S", "A"));
    const { upload } = await parseAll(bytes, "export.csv", { contentType: "text/csv" });
    expect(upload.format).toBe("xlsx");
  });

  test("a DHIS2 layout inside a workbook", async () => {
    const bytes = await workbookBytes((book) => {
      const sheet = book.addWorksheet("data");
      sheet.addRow(["dataelement", "period", "orgunit", "value", "deleted"]);
      sheet.addRow(["uid1", "2018", "ou1", 5, "false"]);
      sheet.addRow(["uid1", "2019", "ou1", 6, true]);
    });
    const aliases = aliasesOf({ uid1: { "": "HQ" } });
    const { upload, rows } = await parseAll(bytes, "dhis2.xlsx", { aliases });
    expect(upload.format).toBe("dhis2");
    expect(rows).toEqual([
      { row: 2, raw: { indicator: "HQ", period: "2018", region: "ou1", value: "5" } },
      {
        row: 3,
        given: { indicator: "HQ", period: "2019", region: "ou1", value: "6" },
        error: expect.objectContaining({ code: "deleted_in_source", field: "row" }),
      },
    ]);
  });
});
