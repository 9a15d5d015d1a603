/**
 * ISO date cells (`t="d"`, as openpyxl and pandas write dates) as the serial numbers Excel itself
 * stores: exceljs (4.4.0) reads their text as a number, so 2021-01-01 became 2021 days after
 * 1900, i.e. 1905-07-13. The sheet's XML is rewritten with them in xlsx-sheet-xml.ts.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?Z?$/;
// Unix day of Excel's day 0 (1899-12-30), and of the 1904 date system's day 0.
const EPOCH_1900_DAYS = 25_569;
const DAYS_1900_TO_1904 = 1_462;

/** The Excel serial number of an ISO date or date-time, or undefined when it is not one. */
export function isoToSerial(text: string, date1904 = false): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h, mi, s) + Number(m[7] ?? 0) * 1000;
  const date = new Date(ms);
  if (date.getUTCMonth() !== (mo ?? 1) - 1 || date.getUTCDate() !== d) return undefined;
  const serial = ms / 86_400_000 + EPOCH_1900_DAYS;
  return date1904 ? serial - DAYS_1900_TO_1904 : serial;
}
