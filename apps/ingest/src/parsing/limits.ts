/**
 * What one upload may make the parser hold: far above any real file, low enough that a crafted
 * one (a line of delimiters, a header of a million columns, a zip bomb) is refused early.
 */

/** Longest record accepted, in characters of cell text: far above any real row. */
export const MAX_RECORD_CHARS = 1_000_000;

/** Most cells in one row (header included); the template has seven. Checked while reading. */
export const MAX_COLUMNS = 1_000;

/** Most bytes the entries of a workbook may inflate to, in all. */
export const MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Most bytes the shared strings (kept in a temporary file while the sheet is read) may inflate to. */
export const MAX_XLSX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024;

/** Highest ratio of inflated to compressed bytes read, once past `XLSX_RATIO_FROM_BYTES`. */
export const MAX_XLSX_RATIO = 200;
export const XLSX_RATIO_FROM_BYTES = 1024 * 1024;
