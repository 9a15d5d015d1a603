// Cells of every CSV and workbook the system writes (OWASP "CSV injection"): a text a spreadsheet
// would run as a formula, or that some read as one after a tab or line break, is prefixed with `'`,
// which spreadsheets show as text. Plain numbers (-5, +3.5, 92,5%) are figures and stay as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d\s.,]*%?$/;

/** The text as a spreadsheet will show it, never run it. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field (RFC 4180): neutralised, quoted when it holds a quote, a comma or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = neutraliseCell(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
