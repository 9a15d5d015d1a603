/**
 * From records (cells of a CSV line or a sheet row) to upload rows: the first non-blank record
 * is the header (in a sheet, the first that reads as one, below a few rows of notes), blank
 * records are skipped, cells are mapped to fields and shapes checked.
 */
import { formatRowError, type RawRow, type RowError, rowError } from "@spm/kpi";
import { isDeleted, resolveDhis2Row } from "./dhis2-rows";
import { type FileError, fileError, fileWarning, UploadFileError } from "./errors";
import { type HeaderMapping, type HeaderResult, mapHeader } from "./header";
import { MAX_COLUMNS } from "./limits";
import type { CodeAliases, ParsedRow, SkippedRows } from "./types";

/** The cells of one record and the row number the steward sees for it. */
export interface TableRecord {
  row: number;
  cells: string[];
  /** Sheet cells that show an error (its name) or no value at all (a formula never calculated). */
  errors?: { index: number; cell: string; error?: string }[];
}

/**
 * How records are read: CSV lines must have the header's width, sheet rows need not; a sheet's
 * header may sit below up to `notesAbove` non-blank rows of notes (titles, who sent it).
 */
export interface TableOptions {
  aliases?: CodeAliases | undefined;
  checkWidth: boolean;
  notesAbove?: number;
}

/** Rows of notes a sheet's header may sit below (a title block is a few lines). */
export const MAX_NOTE_ROWS = 20;

/** A table whose header was read, with its rows still to iterate. */
export interface OpenedTable {
  ok: true;
  mapping: HeaderMapping;
  skipped: SkippedRows;
  rows: AsyncIterable<ParsedRow>;
}

/** Reads the header from the records and returns the table, or the file error it shows. */
export async function openTable(
  records: AsyncGenerator<TableRecord>,
  options: TableOptions,
): Promise<OpenedTable | { ok: false; error: FileError }> {
  const skipped: SkippedRows = { blank: 0 };
  let notes = 0;
  let header: { record: TableRecord; mapped: HeaderResult } | undefined;
  let first: { record: TableRecord; mapped: HeaderResult } | undefined;
  try {
    // Not `for await`: leaving that loop would close the records the rows still need.
    for (let next = await records.next(); !next.done; next = await records.next()) {
      if (isBlank(next.value.cells)) {
        skipped.blank++;
        continue;
      }
      const record = next.value;
      const mapped = readHeader(record);
      first ??= { record, mapped };
      if (mapped.ok || notes >= (options.notesAbove ?? 0)) {
        header = mapped.ok ? { record, mapped } : first;
        break;
      }
      notes++;
    }
  } catch (error) {
    if (error instanceof UploadFileError) return { ok: false, error: error.error };
    throw error;
  }
  header ??= first;
  if (!header) return { ok: false, error: fileError("file_empty") };
  const mapped = header.mapped;
  if (!mapped.ok) {
    await records.return(undefined);
    return mapped;
  }
  if (notes > 0) {
    const params = { row: header.record.row, count: notes };
    mapped.mapping.warnings.push(fileWarning("rows_above_header", params));
  }
  const rows = readRows(records, mapped.mapping, options, skipped);
  return { ok: true, mapping: mapped.mapping, skipped, rows };
}

function readHeader(record: TableRecord): HeaderResult {
  if (record.cells.length <= MAX_COLUMNS) return mapHeader(record.cells);
  const params = { row: record.row, max: MAX_COLUMNS };
  return { ok: false, error: fileError("row_too_many_columns", params) };
}

async function* readRows(
  records: AsyncGenerator<TableRecord>,
  mapping: HeaderMapping,
  options: TableOptions,
  skipped: SkippedRows,
): AsyncGenerator<ParsedRow> {
  for await (const { row, cells, errors } of records) {
    if (isBlank(cells)) {
      skipped.blank++;
      continue;
    }
    // Strict: one cell more is how a decimal comma or a stray delimiter shows (92,5); DHIS2
    // writes and reads rows shorter than the header, their missing cells empty.
    const short = mapping.layout === "dhis2" && cells.length < mapping.width;
    if (options.checkWidth && cells.length !== mapping.width && !short) {
      const params = { expected: mapping.width, actual: cells.length };
      yield { row, error: withMessage(rowError("row", "row_malformed", params)) };
      continue;
    }
    const parsed = toRow(row, cells, mapping, options.aliases);
    const failed = errors?.find((e) => mapping.fields.some(([index]) => index === e.index));
    const field = mapping.fields.find(([index]) => index === failed?.index)?.[1];
    if (!failed || !field || !("raw" in parsed)) yield parsed;
    else {
      const error =
        failed.error === undefined
          ? rowError(field, "formula_not_calculated", { cell: failed.cell })
          : rowError(field, "cell_error", { cell: failed.cell, error: failed.error });
      yield { row, error: withMessage(error), given: parsed.raw };
    }
  }
}

function toRow(
  row: number,
  cells: string[],
  mapping: HeaderMapping,
  aliases?: CodeAliases,
): ParsedRow {
  const raw: RawRow = {};
  for (const [index, field] of mapping.fields) raw[field] = cells[index] ?? "";
  if (mapping.layout !== "dhis2") return { row, raw };
  const cell = (index: number | undefined) => (index === undefined ? "" : (cells[index] ?? ""));
  const extras = {
    categoryOptionCombo: cell(mapping.dhis2.categoryOptionCombo),
    attributeOptionCombo: cell(mapping.dhis2.attributeOptionCombo),
    deleted: isDeleted(cell(mapping.dhis2.deleted)),
  };
  return resolveDhis2Row(row, raw, extras, aliases);
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell === undefined || cell.trim() === "");
}

function withMessage(error: RowError) {
  return { ...error, message: formatRowError(error, "en") };
}
