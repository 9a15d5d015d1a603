/** What the current and trajectory rules both need, derived once from a status query. */
import { addDays, type IsoDate, isoDateOf, parseIsoDate, yearOfDate } from "./dates";
import { elapsedYearShare } from "./periods";
import type { StatusQuery } from "./status-types";

export interface StatusContext {
  query: StatusQuery;
  asOfYear: number;
  /** Values of programme years from `start` to the as-of year (and at most `end`). */
  values: ReadonlyMap<number, number>;
  latestYear: number | null;
  due: { year: number; date: IsoDate } | null;
  /** Share of the as-of year elapsed, for a `sum` indicator while that year runs; else null. */
  runningShare: number | null;
}

/**
 * Derives the context of a status query. The as-of date must be a valid ISO date; an invalid
 * one is a programming error and throws a RangeError.
 */
export function buildStatusContext(query: StatusQuery): StatusContext {
  const parsed = parseIsoDate(query.asOf);
  if (!parsed.ok) throw new RangeError(`asOf is not an ISO date (YYYY-MM-DD): "${query.asOf}"`);
  const asOf = parsed.date;
  const asOfYear = yearOfDate(asOf);
  const { start, end } = query.years;
  const last = Math.min(end, asOfYear);
  const values = new Map<number, number>();
  for (const { year, value } of query.series) {
    if (year >= start && year <= last && Number.isFinite(value)) values.set(year, value);
  }
  const latestYear = values.size === 0 ? null : Math.max(...values.keys());
  const share = elapsedYearShare(asOfYear, asOf);
  const runningShare = query.indicator.aggregation === "sum" && share < 1 ? share : null;
  return {
    query: { ...query, asOf },
    asOfYear,
    values,
    latestYear,
    due: dueYear(query, asOf),
    runningShare,
  };
}

// Yearly figures are due on the year's last day plus dueDays (e.g. 2018 with 45 days: 2019-02-14).
function dueYear(query: StatusQuery, asOf: IsoDate): { year: number; date: IsoDate } | null {
  const { start, end } = query.years;
  for (let year = Math.min(end, yearOfDate(asOf)); year >= start; year--) {
    const date = addDays(isoDateOf(year, 12, 31), query.indicator.dueDays);
    if (date <= asOf) return { year, date };
  }
  return null;
}
