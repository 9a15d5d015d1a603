/**
 * Calendar dates as ISO strings `YYYY-MM-DD`, computed in UTC. The as-of date of every rule is
 * one of these; nothing here reads the clock.
 */

/** A calendar date written `YYYY-MM-DD` (years 1000..9999). */
export type IsoDate = string;

export type DateParseResult = { ok: true; date: IsoDate } | { ok: false; code: "date_invalid" };

const ISO_DATE = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Reads a `YYYY-MM-DD` text, accepting only dates that exist in the calendar. */
export function parseIsoDate(text: string): DateParseResult {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return { ok: false, code: "date_invalid" };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, code: "date_invalid" };
  }
  return { ok: true, date: text.trim() };
}

/** Tells whether a text is a valid `YYYY-MM-DD` date. */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text).ok;
}

/** Formats the UTC calendar day of a Date as `YYYY-MM-DD` (for callers holding a Date). */
export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Builds the ISO date of a year, month (1..12) and day. */
export function isoDateOf(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Adds a whole number of days (may be negative) to a date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date((dayNumber(date) + days) * DAY_MS));
}

/** The year of a date. */
export function yearOfDate(date: IsoDate): number {
  return fields(date)[0];
}

/** The day of the year of a date, 1 for 1 January. */
export function dayOfYear(date: IsoDate): number {
  const [y, m, d] = fields(date);
  let days = d;
  for (let month = 1; month < m; month++) days += daysInMonth(y, month);
  return days;
}

/** Tells whether a year is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of a year (365 or 366). */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** The number of days of a month (1..12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// An invalid date here is a programming error (dates are parsed at the edge), hence a throw.
function fields(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  const [y, m, d] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`not an ISO date (YYYY-MM-DD): "${date}"`);
  }
  return [y, m, d];
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
function dayNumber(date: IsoDate): number {
  const [y0, m, d] = fields(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYr = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYr;
  return era * 146097 + dayOfEra - 719468;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
