/**
 * From records (cells of a CSV line or a sheet row) to upload rows: the first non-blank record
 * is the header, blank records are skipped, cells are mapped to fields and shapes checked.
 */
import { formatRowError, type RawRow, type RowError, rowError } from "@spm/kpi";
import { isDeleted, resolveDhis2Row } from "./dhis2-rows";
import { type FileError, fileError, UploadFileError } from "./errors";
import { type HeaderMapping, mapHeader } from "./header";
import { MAX_COLUMNS } from "./limits";
import type { CodeAliases, ParsedRow, SkippedRows } from "./types";

/** The cells of one record and the row number the steward sees for it. */
export interface TableRecord {
  row: number;
  cells: string[];
}

/** How records are read: CSV lines must have the header's width, sheet rows need not. */
export interface TableOptions {
  aliases?: CodeAliases | undefined;
  checkWidth: boolean;
}

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
  let header: TableRecord | undefined;
  try {
    // Not `for await`: leaving that loop would close the records the rows still need.
    for (let next = await records.next(); !next.done; next = await records.next()) {
      if (!isBlank(next.value.cells)) {
        header = next.value;
        break;
      }
      skipped.blank++;
    }
  } catch (error) {
    if (error instanceof UploadFileError) return { ok: false, error: error.error };
    throw error;
  }
  if (!header) return { ok: false, error: fileError("file_empty") };
  if (header.cells.length > MAX_COLUMNS) {
    await records.return(undefined);
    const params = { row: header.row, max: MAX_COLUMNS };
    return { ok: false, error: fileError("row_too_many_columns", params) };
  }
  const mapped = mapHeader(header.cells);
  if (!mapped.ok) {
    await records.return(undefined);
    return mapped;
  }
  const rows = readRows(records, mapped.mapping, options, skipped);
  return { ok: true, mapping: mapped.mapping, skipped, rows };
}

async function* readRows(
  records: AsyncGenerator<TableRecord>,
  mapping: HeaderMapping,
  options: TableOptions,
  skipped: SkippedRows,
): AsyncGenerator<ParsedRow> {
  for await (const { row, cells } of records) {
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
    yield toRow(row, cells, mapping, options.aliases);
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
