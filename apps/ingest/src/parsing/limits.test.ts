// What a crafted file may make the parser hold is bounded: cells per row, text per row, the time
// a header takes, and what a workbook inflates to (issue 13, findings 3–5).
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, test } from "vitest";
import { UploadFileError } from "./errors";
import { mapHeader, normaliseHeaderName } from "./header";
import { MAX_COLUMNS } from "./limits";
import { collectRows, dataSheet, parseBytes, workbookBytes } from "./test-support";
import { reorderZip, replaceEntry } from "./test-zip";

/** The file error of an upload, whether it shows at opening or while its rows are read. */
async function fileErrorOf(bytes: Buffer | string, filename = "upload.csv", chunkSize?: number) {
  const result = await parseBytes(bytes, filename, chunkSize ? { chunkSize } : {});
  if (!result.ok) return { code: result.error.code, params: result.error.params };
  try {
    await collectRows(result);
    return { code: "read", params: {} };
  } catch (error) {
    if (!(error instanceof UploadFileError)) throw error;
    return { code: error.error.code, params: error.error.params };
  }
}

describe("cells per CSV row", () => {
  test("a line of 3,000,001 empty cells is refused as it is read", async () => {
    const csv = `indicator,period,value\n${",".repeat(3_000_000)}\n`;
    const started = performance.now();
    expect(await fileErrorOf(csv)).toEqual({
      code: "row_too_many_columns",
      params: { row: 2, max: MAX_COLUMNS },
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test("so is a header of delimiters, and one split over tiny chunks", async () => {
    const csv = `indicator,period,value${";".repeat(0)}${",".repeat(50_000)}\nA,2018,1\n`;
    expect((await fileErrorOf(csv)).code).toBe("row_too_many_columns");
    expect((await fileErrorOf(csv, "upload.csv", 7)).code).toBe("row_too_many_columns");
  });

  test("a quote inside a cell does not hide delimiters (relax_quotes reads it as text)", async () => {
    const csv = `indicator,period,value\nA",2018,1${",".repeat(5000)}\n`;
    expect((await fileErrorOf(csv)).code).toBe("row_too_many_columns");
  });

  test("delimiters inside a quoted cell are text, not cells", async () => {
    const note = `"${",".repeat(5000)} ""quoted"" \n${",".repeat(5000)}"`;
    const csv = `indicator,period,value,note\nA,2018,1,${note}\n`;
    for (const chunkSize of [1, 3, 64 * 1024])
      expect(await fileErrorOf(csv, "upload.csv", chunkSize)).toEqual({ code: "read", params: {} });
  });
});

describe("the header", () => {
  test("28,000 columns of one name are mapped in linear time", () => {
    const started = performance.now();
    const result = mapHeader(["indicator", "period", ...Array(28_000).fill("value")]);
    expect(!result.ok && result.error.code).toBe("header_duplicate_columns");
    expect(performance.now() - started).toBeLessThan(500);
  });

  test("a name of unclosed brackets is normalised in linear time", () => {
    const started = performance.now();
    expect(normaliseHeaderName(`${"(".repeat(40_000)}Value${"[".repeat(40_000)}`)).toBe("value");
    expect(normaliseHeaderName("Value (%) [ru]")).toBe("value");
    expect(performance.now() - started).toBeLessThan(100);
  });

  test("a 1 MB header line is refused at once, before it is mapped", async () => {
    const csv = `${Array.from({ length: 150_000 }, (_, i) => `c${i}`).join(",")}\n`;
    const started = performance.now();
    expect(await fileErrorOf(csv)).toEqual({
      code: "row_too_many_columns",
      params: { row: 1, max: MAX_COLUMNS },
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// A sheet whose XML is padded with whitespace: valid, and inflating ~1000:1.
async function bombBytes(inflatedMb: number): Promise<Buffer> {
  const bytes = await workbookBytes((book) => void dataSheet(book, "data", "A"));
  const sheet = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>period</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>${" ".repeat(inflatedMb * 1024 * 1024)}</sheetData></worksheet>`,
  );
  return replaceEntry(bytes, "xl/worksheets/sheet1.xml", sheet);
}

describe("workbooks", () => {
  test("a 64 KB workbook inflating to 64 MiB is refused", async () => {
    const bytes = await bombBytes(64);
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect((await fileErrorOf(bytes, "bomb.xlsx")).code).toBe("xlsx_too_large");
  });

  test("a sheet row wider than the cap is refused", async () => {
    const bytes = await workbookBytes((book) => {
      const sheet = dataSheet(book, "data", "A");
      sheet.getCell(3, MAX_COLUMNS + 1).value = "far right";
    });
    expect(await fileErrorOf(bytes, "wide.xlsx")).toEqual({
      code: "row_too_many_columns",
      params: { row: 3, max: MAX_COLUMNS },
    });
  });

  test("no spooled copy of a sheet is left when reading stops early", async () => {
    const spooled = () =>
      readdirSync(tmpdir()).filter((n) => /^tmp-\d+-|^spm-xlsx-/.test(n)).length;
    const bytes = await workbookBytes((book) => book.addWorksheet("data").addRow(["notes"]));
    // Excel's order: the sheet comes before the shared strings, so it is spooled first.
    const excelOrder = reorderZip(bytes, (names) =>
      [...names].sort(
        (a, b) => Number(!a.includes("worksheets/")) - Number(!b.includes("worksheets/")),
      ),
    );
    const before = spooled();
    expect((await fileErrorOf(excelOrder, "notes.xlsx")).code).toBe("header_missing_columns");
    await new Promise((r) => setTimeout(r, 50));
    expect(spooled()).toBe(before);
  });
});
