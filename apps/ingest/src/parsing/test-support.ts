/** Helpers for the parsing tests: uploads from bytes, and their rows collected. */
import { Readable } from "node:stream";
import { EMPTY_DHIS2_MAPPING } from "@spm/kpi";
import ExcelJS from "exceljs";
import { type ParseUploadResult, parseUpload, type UploadInput } from "./index";
import type { CodeAliases, ParsedRow, ParsedUpload } from "./types";

/** A stream of the bytes, cut into chunks of the given size (to exercise chunk boundaries). */
export function streamOf(bytes: Buffer | string, chunkSize = 64 * 1024): Readable {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunkSize) chunks.push(buffer.subarray(i, i + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

/** Parses bytes as an upload with the given name. */
export function parseBytes(
  bytes: Buffer | string,
  filename = "upload.csv",
  extra: Partial<UploadInput> & { chunkSize?: number } = {},
): Promise<ParseUploadResult> {
  return parseUpload({ stream: streamOf(bytes, extra.chunkSize), filename, ...extra });
}

/** Asserts the upload opened and returns it. */
export function expectOpened(result: ParseUploadResult): ParsedUpload {
  if (!result.ok) throw new Error(`expected an opened upload, got ${result.error.code}`);
  return result;
}

/** Reads every row of an opened upload. */
export async function collectRows(upload: ParsedUpload): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of upload.rows) rows.push(row);
  return rows;
}

/** Parses bytes and reads every row, failing if the file does not open. */
export async function parseAll(
  bytes: Buffer | string,
  filename = "upload.csv",
  extra: Partial<UploadInput> & { chunkSize?: number } = {},
): Promise<{ upload: ParsedUpload; rows: ParsedRow[] }> {
  const upload = expectOpened(await parseBytes(bytes, filename, extra));
  return { upload, rows: await collectRows(upload) };
}

/** An Excel workbook built with exceljs, as bytes. */
export async function workbookBytes(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Adds a sheet with the minimal header and one row whose indicator is `marker`. */
export function dataSheet(book: ExcelJS.Workbook, name: string, marker: string) {
  const sheet = book.addWorksheet(name);
  sheet.addRow(["indicator", "period", "value"]);
  sheet.addRow([marker, 2018, 1]);
  return sheet;
}

/** DHIS2 ids as a programme maps them: data element → combo (`""` the default) → indicator. */
export function aliasesOf(
  elements: Record<string, Record<string, string>>,
  orgUnits: Record<string, string> = {},
  defaultCombos: string[] = [],
): CodeAliases {
  return {
    dataElements: new Map(
      Object.entries(elements).map(([id, combos]) => [id, new Map(Object.entries(combos))]),
    ),
    orgUnits: new Map(Object.entries(orgUnits)),
    defaultCombos: new Set([...EMPTY_DHIS2_MAPPING.defaultCombos, ...defaultCombos]),
  };
}
