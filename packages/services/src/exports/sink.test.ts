import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ExportAborted, sheetDrained } from "./sink";

const MB = 1024 * 1024;

/** What exceljs's zip entry of a sheet holds, not yet deflated (0 before the zip reads the sheet). */
function held(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { _stream?: { pipes?: unknown[] } })._stream;
  const entry = stream?.pipes?.[0] as { _writableState?: { length: number } } | undefined;
  return entry?._writableState?.length ?? 0;
}

/** A streamed workbook with one sheet whose entry the zip is reading, and its reader. */
async function openSheet() {
  const out = new PassThrough();
  out.resume();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = book.addWorksheet("Figures");
  sheet.addRow(["indicator", "note"]).commit();
  // The zip starts reading the sheet's entry once it has something to read.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { book, sheet, out };
}

describe("a workbook sheet written to a reader", () => {
  it("waits until the zip has deflated the rows written, which exceljs itself never does", async () => {
    const { book, sheet, out } = await openSheet();
    const note = "x".repeat(500);
    let most = 0;
    for (let page = 0; page < 20; page++) {
      for (let i = 0; i < 2_000; i++) sheet.addRow([`IND_${i}`, `${note}${page}`]).commit();
      most = Math.max(most, held(sheet));
      await sheetDrained(sheet, out);
      expect(held(sheet)).toBeLessThan(64 * 1024);
    }
    // A page of 2,000 rows is about 1 MB of XML: without waiting, 20 of them pile up.
    expect(most / MB).toBeGreaterThan(0.5);
    sheet.commit();
    await book.commit();
  }, 60_000);

  it("stops waiting when the reader goes away, with ExportAborted", async () => {
    const { sheet, out } = await openSheet();
    for (let i = 0; i < 20_000; i++) sheet.addRow([`IND_${i}`, "y".repeat(500)]).commit();
    const waiting = sheetDrained(sheet, out);
    out.destroy();
    await expect(waiting).rejects.toBeInstanceOf(ExportAborted);
  });
});
