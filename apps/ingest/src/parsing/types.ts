/** Shapes shared by the CSV and Excel parsers and returned by `parseUpload`. */
import type { Dhis2Mapping, RawRow, RowError } from "@spm/kpi";
import type { TextEncoding } from "./detect-encoding";
import type { FileError, FileWarning } from "./errors";

/** How the file was read: canonical CSV, Excel workbook, or the DHIS2 data value layout. */
export type UploadFormat = "csv" | "xlsx" | "dhis2" | "dhis2-json" | "dhis2-xml" | "adx";

/** Field separators recognised in CSV files. */
export type Delimiter = "," | ";" | "\t";

/** Translations of DHIS2 ids (data element and combo, org unit) to our codes. */
export type CodeAliases = Dhis2Mapping;

/** A row error with its English message (the code and parameters allow any other language). */
export interface ParsedRowError extends RowError {
  message: string;
}

/**
 * One data row, numbered as the steward sees it in a spreadsheet (the header is row 1); in a
 * DHIS2 JSON file, the value's place in `dataValues` from 1. A rejected row keeps its cells when
 * they could be read.
 */
export type ParsedRow =
  | { row: number; raw: RawRow }
  | { row: number; error: ParsedRowError; given?: RawRow };

/** Records that are not rows: blank lines. */
export interface SkippedRows {
  blank: number;
}

/** A file whose header was read; its rows are read as they are iterated (once). */
export interface ParsedUpload {
  ok: true;
  format: UploadFormat;
  /** CSV, JSON and XML; final once the rows have been read (an ASCII start decodes the same either way). */
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
