/**
 * Reporting periods in DHIS2 syntax: yearly `2018`, quarterly `2018Q1` (or `2018-Q1`), monthly
 * `201803` (or `2018-03`). Canonical forms are `2018`, `2018Q1` and `201803`.
 */
import {
  addDays,
  dayOfYear,
  daysInMonth,
  daysInYear,
  type IsoDate,
  isoDateOf,
  yearOfDate,
} from "./dates";
import { unsupportedPeriodType } from "./period-types";
import type { Frequency } from "./program";

export type Period =
  | { frequency: "yearly"; year: number }
  | { frequency: "quarterly"; year: number; quarter: number }
  | { frequency: "monthly"; year: number; month: number };

/** Why a text is not a period; each code is also a row error code. */
export const PERIOD_ERROR_CODES = [
  "period_missing",
  "period_invalid",
  "period_quarter_invalid",
  "period_month_invalid",
  "period_type_unsupported",
] as const;
export type PeriodErrorCode = (typeof PERIOD_ERROR_CODES)[number];

/** A period, or why not; `type` names the DHIS2 period type of a `period_type_unsupported` text. */
export type PeriodParseResult =
  | { ok: true; period: Period }
  | { ok: false; code: PeriodErrorCode; type?: string };

const YEARLY = /^([1-9]\d{3})$/;
const QUARTERLY = /^([1-9]\d{3})-?[Qq](\d)$/;
const MONTHLY = /^([1-9]\d{3})-?(\d{2})$/;
const PER_YEAR: Record<Frequency, number> = { yearly: 1, quarterly: 4, monthly: 12 };

/** Reads a period text in any accepted syntax; anything else is an error, never a guess. */
export function parsePeriod(text: string | number): PeriodParseResult {
  const s = String(text).trim();
  if (s === "") return { ok: false, code: "period_missing" };
  const yearly = YEARLY.exec(s);
  if (yearly) return { ok: true, period: { frequency: "yearly", year: Number(yearly[1]) } };
  const quarterly = QUARTERLY.exec(s);
  if (quarterly) {
    const quarter = Number(quarterly[2]);
    if (quarter < 1 || quarter > 4) return { ok: false, code: "period_quarter_invalid" };
    return { ok: true, period: { frequency: "quarterly", year: Number(quarterly[1]), quarter } };
  }
  const monthly = MONTHLY.exec(s);
  if (monthly) {
    const month = Number(monthly[2]);
    if (month < 1 || month > 12) return { ok: false, code: "period_month_invalid" };
    return { ok: true, period: { frequency: "monthly", year: Number(monthly[1]), month } };
  }
  const type = unsupportedPeriodType(s);
  if (type) return { ok: false, code: "period_type_unsupported", type };
  return { ok: false, code: "period_invalid" };
}

/** Writes a period in its canonical form: `2018`, `2018Q1` or `201803`. */
export function formatPeriod(period: Period): string {
  switch (period.frequency) {
    case "yearly":
      return String(period.year);
    case "quarterly":
      return `${period.year}Q${period.quarter}`;
    case "monthly":
      return `${period.year}${String(period.month).padStart(2, "0")}`;
  }
}

/** Rewrites a period text in canonical form, or returns null when it is not a period. */
export function canonicalPeriod(text: string | number): string | null {
  const parsed = parsePeriod(text);
  return parsed.ok ? formatPeriod(parsed.period) : null;
}

/** The year a period belongs to. */
export function periodYear(period: Period): number {
  return period.year;
}

/** The frequency of a period (yearly, quarterly or monthly). */
export function periodFrequency(period: Period): Frequency {
  return period.frequency;
}

/** How many periods of a frequency make one year (1, 4 or 12). */
export function periodsPerYear(frequency: Frequency): number {
  return PER_YEAR[frequency];
}

/** The position of a period inside its year, from 1 (the year, Q1 or January). */
export function periodIndex(period: Period): number {
  if (period.frequency === "quarterly") return period.quarter;
  if (period.frequency === "monthly") return period.month;
  return 1;
}

/** The first day of a period. */
export function periodStart(period: Period): IsoDate {
  return isoDateOf(period.year, firstMonth(period), 1);
}

/** The last day of a period (inclusive). */
export function periodEnd(period: Period): IsoDate {
  const month = lastMonth(period);
  return isoDateOf(period.year, month, daysInMonth(period.year, month));
}

/**
 * The day a period's figures become due: its last day plus `dueDays`. From that day on
 * (inclusive) a missing figure is overdue.
 */
export function periodDueDate(period: Period, dueDays: number): IsoDate {
  return addDays(periodEnd(period), dueDays);
}

/** Tells whether a period's figures are due at a date (due date <= as-of). */
export function isPeriodDue(period: Period, dueDays: number, asOf: IsoDate): boolean {
  return periodDueDate(period, dueDays) <= asOf;
}

/**
 * The share of a year's days elapsed at a date, the date itself included: 0 before the year,
 * 1 after it, e.g. 1/365 on 1 January and 60/366 on 29 February of a leap year.
 */
export function elapsedYearShare(year: number, asOf: IsoDate): number {
  const asOfYear = yearOfDate(asOf);
  if (asOfYear < year) return 0;
  if (asOfYear > year) return 1;
  return dayOfYear(asOf) / daysInYear(year);
}

/** Orders two periods by their start, then by their length (a year before its Q1). */
export function comparePeriods(a: Period, b: Period): number {
  if (a.year !== b.year) return a.year - b.year;
  const start = firstMonth(a) - firstMonth(b);
  return start !== 0 ? start : PER_YEAR[a.frequency] - PER_YEAR[b.frequency];
}

function firstMonth(period: Period): number {
  if (period.frequency === "quarterly") return period.quarter * 3 - 2;
  if (period.frequency === "monthly") return period.month;
  return 1;
}

function lastMonth(period: Period): number {
  if (period.frequency === "quarterly") return period.quarter * 3;
  if (period.frequency === "monthly") return period.month;
  return 12;
}
