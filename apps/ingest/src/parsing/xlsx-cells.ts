/**
 * Excel cell values as the text a person reads in the cell, written the way our CSV would be:
 * numbers plain (no grouping), percentages as `92.5%`, dates as ISO year, month or day.
 */
import type ExcelJS from "exceljs";

// Excel keeps 15 significant digits; more would show binary noise (0.1 + 0.2 = 0.30000000000000004).
const EXCEL_DIGITS = 15;
const MS_PER_DAY = 86_400_000;
// Day 0 of Excel's 1900 date system, in Unix days (1899-12-30).
const EXCEL_EPOCH_DAYS = -25_569;

/** The text shown by a cell with this value and number format. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string | null): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value, numFmt);
  if ("richText" in value) return value.richText.map((part) => part.text ?? "").join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) return resultText(value.result, numFmt);
  if ("text" in value) return cellText(value.text as ExcelJS.CellValue);
  return "";
}

function resultText(
  result: ExcelJS.CellFormulaValue["result"],
  numFmt: string | null | undefined,
): string {
  // The streaming reader gives a formula's error result as NaN; its name is lost.
  if (typeof result === "number" && Number.isNaN(result)) return "#ERROR";
  if (typeof result === "number" && isDateFormat(numFmt)) {
    return dateText(new Date((result + EXCEL_EPOCH_DAYS) * MS_PER_DAY), numFmt);
  }
  return cellText(result, numFmt);
}

function numberText(value: number, numFmt: string | null | undefined): string {
  const plain = (n: number) => String(Number(n.toPrecision(EXCEL_DIGITS)));
  if (!Number.isFinite(value)) return String(value);
  return visibleCodes(numFmt).includes("%") ? `${plain(value * 100)}%` : plain(value);
}

// A year-only or month-year format is a period (2018, 2018-03); otherwise the day is kept.
function dateText(date: Date, numFmt: string | null | undefined): string {
  const iso = date.toISOString().slice(0, 10);
  const codes = visibleCodes(numFmt).toLowerCase();
  if (codes.includes("d") || !codes.includes("y")) return iso;
  return codes.includes("m") ? iso.slice(0, 7) : iso.slice(0, 4);
}

function isDateFormat(numFmt: string | null | undefined): boolean {
  return /[ymdhs]/i.test(visibleCodes(numFmt).replace(/general/gi, ""));
}

// Format codes without literal text ("..."), escapes (\x) and sections like [Red] or [$-419].
function visibleCodes(numFmt: string | null | undefined): string {
  return (numFmt ?? "").replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
}
