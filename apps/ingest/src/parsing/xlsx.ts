/**
 * Streaming Excel (.xlsx): exceljs reads the zip entry by entry (spooling sheets to temporary
 * files when the shared strings come after them), and the chosen sheet row by row.
 */
import type { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { fileError, UploadFileError } from "./errors";
import { MAX_COLUMNS, MAX_RECORD_CHARS, MAX_XLSX_INFLATED_BYTES } from "./limits";
import { MAX_NOTE_ROWS, openTable, type TableRecord } from "./table";
import type { CodeAliases, ParseUploadResult } from "./types";
import { cellText } from "./xlsx-cells";
import { UNCALCULATED } from "./xlsx-sheet-xml";
import { BudgetedWorkbookReader, XlsxTooLarge } from "./xlsx-zip";

/** Name of the sheet read in preference to the first one (compared case-insensitively). */
export const DATA_SHEET = "data";

interface SheetModel {
  name: string;
  state?: string;
  rId?: string;
}

// What exceljs's streaming classes hold at run time but do not declare.
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}
interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: SheetModel[] };
  workbookRels?: { Id?: string; Type?: string }[];
}

/** Opens an Excel upload: reads up to its header and returns its rows to iterate, or a file error. */
export async function parseXlsx(
  source: Readable,
  options: { aliases?: CodeAliases | undefined },
): Promise<ParseUploadResult> {
  const reader = new BudgetedWorkbookReader(source, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as BookReader;
  const chosen: { sheet?: string } = {};
  const table = await openTable(sheetRecords(reader, source, chosen), {
    aliases: options.aliases,
    checkWidth: false,
    notesAbove: MAX_NOTE_ROWS,
  });
  if (!table.ok) return table;
  return {
    ok: true,
    format: table.mapping.layout === "dhis2" ? "dhis2" : "xlsx",
    ...chosen,
    warnings: table.mapping.warnings,
    skipped: table.skipped,
    rows: table.rows,
  };
}

// The sheet named `data` if there is one, else the first visible sheet in tab order; tabs that
// are no worksheet (a chart sheet, an old dialog or macro sheet) are never read.
function isChosen(sheet: SheetReader, book: BookReader): boolean {
  const isWorksheet = (s: SheetModel) => {
    const type = book.workbookRels?.find((rel) => rel.Id === s.rId)?.Type;
    return type === undefined || type.endsWith("/worksheet");
  };
  const sheets = book.model?.sheets?.filter(isWorksheet);
  if (!sheets || sheets.length === 0 || sheet.name === undefined) return true;
  const target =
    sheets.find((s) => s.name.trim().toLowerCase() === DATA_SHEET) ??
    sheets.find((s) => s.state === undefined || s.state === "visible") ??
    sheets[0];
  return sheet.name === target?.name;
}

async function* sheetRecords(
  book: BookReader,
  source: Readable,
  chosen: { sheet?: string },
): AsyncGenerator<TableRecord> {
  let found = false;
  let finished = false;
  try {
    // Sheets after the chosen one are skipped but still read through, so the zip is consumed.
    for await (const sheet of book) {
      if (found || !isChosen(sheet, book)) {
        // Read skipped sheets through: exceljs keeps unread ones in temporary files whose
        // later clean-up otherwise races its own reads (an uncaught ENOENT).
        for await (const _row of sheet) {
        }
        continue;
      }
      found = true;
      chosen.sheet = sheet.name;
      for await (const row of sheet) yield { row: row.number, ...rowCells(row) };
    }
    finished = true;
  } catch (error) {
    if (error instanceof UploadFileError) throw error;
    if (error instanceof XlsxTooLarge) {
      const max = MAX_XLSX_INFLATED_BYTES / (1024 * 1024);
      throw new UploadFileError(fileError("xlsx_too_large", { max }));
    }
    throw new UploadFileError(fileError("file_unreadable"));
  } finally {
    if (!finished) source.destroy();
  }
  if (!found) throw new UploadFileError(fileError("file_unreadable"));
}

// The same bounds as a CSV line: at most MAX_COLUMNS cells and MAX_RECORD_CHARS of text; cells
// showing an error (#DIV/0!, #N/A) are named, for the row to be rejected if it reads them.
function rowCells(row: ExcelJS.Row): Pick<TableRecord, "cells" | "errors"> {
  const cells: string[] = [];
  const errors: NonNullable<TableRecord["errors"]> = [];
  let chars = 0;
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (column > MAX_COLUMNS) {
      const params = { row: row.number, max: MAX_COLUMNS };
      throw new UploadFileError(fileError("row_too_many_columns", params));
    }
    const value = cell.value;
    const error = value !== null && typeof value === "object" && "error" in value;
    const uncalculated = error && value.error === (UNCALCULATED as ExcelJS.CellErrorValue["error"]);
    const text = uncalculated ? "" : cellText(value, cell.numFmt);
    chars += text.length;
    if (chars > MAX_RECORD_CHARS) {
      const params = { row: row.number, max: MAX_RECORD_CHARS };
      throw new UploadFileError(fileError("csv_row_too_long", params));
    }
    cells[column - 1] = text;
    if (uncalculated) errors.push({ index: column - 1, cell: cell.address });
    else if (error) errors.push({ index: column - 1, cell: cell.address, error: text });
  });
  return { cells: Array.from(cells, (cell) => cell ?? ""), errors };
}
