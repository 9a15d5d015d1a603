/**
 * Reading numbers the way people type them in spreadsheets, then checking the unit's range.
 *
 * Separator rules (a `.`, a `,` or a space, no-break space or narrow no-break space):
 * - both `.` and `,` present: the last one is the decimal separator, the other groups thousands;
 * - the same separator twice or more (`1,234,567`, `1.234.567`): it groups thousands;
 * - spaces group thousands (`700 000`), and then a single `.` or `,` is the decimal separator;
 * - a single `.` alone is a decimal point (`92.5`, `1.234`), as in DHIS2 exports and JSON;
 * - a single `,` alone is a decimal comma (`92,5`), except when it looks like a thousands
 *   group (1–3 digits not starting with 0, `,`, exactly 3 digits: `1,234`, `700,000`): that is
 *   ambiguous and rejected, unless the unit is `count`, where a decimal is impossible and it is
 *   read as thousands (so is `1.234` for a count).
 * Groups of thousands must have exactly 3 digits. A trailing `%` is allowed for percentages only.
 */
import type { Unit } from "./program";

export const VALUE_ERROR_CODES = [
  "value_missing",
  "value_not_a_number",
  "value_ambiguous",
  "value_percent_sign_not_allowed",
  "value_out_of_range",
  "value_not_integer",
] as const;
export type ValueErrorCode = (typeof VALUE_ERROR_CODES)[number];

export type ValueParseResult =
  | { ok: true; value: number }
  | { ok: false; code: ValueErrorCode; params: Record<string, string | number> };

type Separator = "," | "." | " ";
type Reading = { ok: true; value: number } | { ok: false; code: ValueErrorCode };

const SIGNED = /^([+\-\u2212]?)(.*)$/;
const EXPONENT = /^\d+(\.\d+)?[eE][+-]?\d+$/;
const NUMERIC = /^[\d., ]*\d[\d., ]*$/;

/** Reads a typed value and checks it against the unit (percent 0..100, count integer >= 0). */
export function parseValue(text: string, unit: Unit): ValueParseResult {
  const shown = text.trim();
  let s = text.replace(/\s+/g, " ").trim();
  if (s === "") return { ok: false, code: "value_missing", params: {} };
  if (s.endsWith("%")) {
    if (unit !== "percent") {
      return { ok: false, code: "value_percent_sign_not_allowed", params: { value: shown, unit } };
    }
    s = s.slice(0, -1).trimEnd();
  }
  const read = readNumber(s, unit);
  if (!read.ok) return { ok: false, code: read.code, params: { value: shown } };
  return checkValue(read.value, unit, shown);
}

/** Checks a number (e.g. from JSON) against the unit: finite; percent 0..100; count integer >= 0. */
export function checkValue(value: number, unit: Unit, shown = String(value)): ValueParseResult {
  if (!Number.isFinite(value)) {
    return { ok: false, code: "value_not_a_number", params: { value: shown } };
  }
  if (unit === "percent" && (value < 0 || value > 100)) {
    return {
      ok: false,
      code: "value_out_of_range",
      params: { value: shown, unit, range: "0–100" },
    };
  }
  if (unit === "count" && !Number.isInteger(value)) {
    return { ok: false, code: "value_not_integer", params: { value: shown } };
  }
  if (unit === "count" && value < 0) {
    return { ok: false, code: "value_out_of_range", params: { value: shown, unit, range: "≥ 0" } };
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

function readNumber(s: string, unit: Unit): Reading {
  const [, sign = "", body = ""] = SIGNED.exec(s) ?? [];
  const negative = sign === "-" || sign === "\u2212";
  if (EXPONENT.test(body)) return finite(Number(body), negative);
  if (!NUMERIC.test(body)) return { ok: false, code: "value_not_a_number" };
  const seps = chooseSeparators(body, unit);
  if (!seps.ok) return seps;
  const parts = seps.decimal ? body.split(seps.decimal) : [body];
  const [int = "", frac] = parts;
  if (parts.length > 2 || !validInteger(int, seps.thousands, frac !== undefined)) {
    return { ok: false, code: "value_not_a_number" };
  }
  if (frac !== undefined && !/^\d+$/.test(frac)) return { ok: false, code: "value_not_a_number" };
  const digits = seps.thousands ? int.split(seps.thousands).join("") : int;
  return finite(Number(`${digits || "0"}.${frac ?? "0"}`), negative);
}

type Choice =
  | { ok: true; decimal: Separator | null; thousands: Separator | null }
  | { ok: false; code: ValueErrorCode };

function chooseSeparators(body: string, unit: Unit): Choice {
  const commas = body.split(",").length - 1;
  const dots = body.split(".").length - 1;
  const spaces = body.includes(" ");
  if (commas > 0 && dots > 0) {
    if (spaces) return { ok: false, code: "value_not_a_number" };
    const decimal = body.lastIndexOf(",") > body.lastIndexOf(".") ? "," : ".";
    return { ok: true, decimal, thousands: decimal === "," ? "." : "," };
  }
  if (commas > 1 || dots > 1) {
    if (spaces) return { ok: false, code: "value_not_a_number" };
    return { ok: true, decimal: null, thousands: commas > 1 ? "," : "." };
  }
  if (commas === 0 && dots === 0)
    return { ok: true, decimal: null, thousands: spaces ? " " : null };
  const sep = commas === 1 ? "," : ".";
  if (spaces) return { ok: true, decimal: sep, thousands: " " };
  if (new RegExp(`^[1-9]\\d{0,2}\\${sep}\\d{3}$`).test(body)) {
    if (unit === "count") return { ok: true, decimal: null, thousands: sep };
    if (sep === ",") return { ok: false, code: "value_ambiguous" };
  }
  return { ok: true, decimal: sep, thousands: null };
}

function validInteger(int: string, thousands: Separator | null, hasFraction: boolean): boolean {
  if (int === "") return hasFraction;
  if (thousands && int.includes(thousands)) {
    const t = thousands === " " ? " " : `\\${thousands}`;
    return new RegExp(`^[1-9]\\d{0,2}(?:${t}\\d{3})+$`).test(int);
  }
  return /^\d+$/.test(int);
}

function finite(value: number, negative: boolean): Reading {
  if (!Number.isFinite(value)) return { ok: false, code: "value_not_a_number" };
  return { ok: true, value: negative ? -value : value };
}
