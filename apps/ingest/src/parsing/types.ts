/** Shapes shared by the CSV and Excel parsers and returned by `parseUpload`. */
import type { RawRow, RowError } from "@spm/kpi";
import type { TextEncoding } from "./detect-encoding";
import type { FileError, FileWarning } from "./errors";

/** How the file was read: canonical CSV, Excel workbook, or the DHIS2 data value layout. */
export type UploadFormat = "csv" | "xlsx" | "dhis2";

/** Field separators recognised in CSV files. */
export type Delimiter = "," | ";" | "\t";

/** Translations of external codes (e.g. DHIS2 data element and org unit ids) to ours. */
export interface CodeAliases {
  indicators?: ReadonlyMap<string, string>;
  regions?: ReadonlyMap<string, string>;
}

/** A row error with its English message (the code and parameters allow any other language). */
export interface ParsedRowError extends RowError {
  message: string;
}

/** One data row, numbered as the steward sees it in a spreadsheet (the header is row 1). */
export type ParsedRow = { row: number; raw: RawRow } | { row: number; error: ParsedRowError };

/** Rows that are not rows: blank lines, and DHIS2 rows marked `deleted`. */
export interface SkippedRows {
  blank: number;
  deleted: number;
}

/** A file whose header was read; its rows are read as they are iterated (once). */
export interface ParsedUpload {
  ok: true;
  format: UploadFormat;
  /** CSV only; final once the rows have been read (an ASCII start decodes the same either way). */
  readonly encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** Excel only: the sheet read. */
  sheet?: string;
  warnings: FileWarning[];
  /** Counts kept up to date while the rows are iterated. */
  skipped: SkippedRows;
  /** Throws `UploadFileError` if the file breaks after its header (e.g. an unclosed quote). */
  rows: AsyncIterable<ParsedRow>;
}

/** The outcome of opening an upload: its rows, or why the file as a whole cannot be taken. */
export type ParseUploadResult = ParsedUpload | { ok: false; error: FileError };
