/**
 * From stored figures to the yearly series the status rules read: sub-annual periods to a year
 * (by the indicator's aggregation), and regions to the nation when the nation is not reported.
 */
import { comparePeriods, formatPeriod, type Period, parsePeriod, periodsPerYear } from "./periods";
import type { Aggregation, Frequency, Unit } from "./program";

/** A figure of one period (canonical or any accepted period syntax). */
export interface PeriodValue {
  period: string;
  value: number;
}

/** A value of one year. */
export interface YearValue {
  year: number;
  value: number;
}

/** A year made of its periods: how many were present, and whether the year is complete. */
export interface YearAggregate extends YearValue {
  periods: number;
  expected: number;
  complete: boolean;
  /** The latest period of the year that has a value (canonical). */
  lastPeriod: string;
}

export interface AggregationResult {
  years: YearAggregate[];
  /** Figures whose period does not parse or has another frequency than the indicator's. */
  ignored: PeriodValue[];
}

/** A nation's value of a year, reported directly or derived from its regions. */
export interface NationalYearValue extends YearValue {
  derived: boolean;
  /** How many regions the derived value is made of (0 when reported directly). */
  regions: number;
}

/**
 * Aggregates period figures of one indicator and region into years, sorted by year; when a
 * period appears twice the later entry wins.
 */
export function aggregateYears(
  values: readonly PeriodValue[],
  frequency: Frequency,
  aggregation: Aggregation,
): AggregationResult {
  const ignored: PeriodValue[] = [];
  const byPeriod = new Map<string, { period: Period; value: number }>();
  for (const v of values) {
    const parsed = parsePeriod(v.period);
    if (!parsed.ok || parsed.period.frequency !== frequency || !Number.isFinite(v.value)) {
      ignored.push(v);
    } else {
      byPeriod.set(formatPeriod(parsed.period), { period: parsed.period, value: v.value });
    }
  }
  const byYear = new Map<number, { period: Period; value: number }[]>();
  for (const entry of byPeriod.values()) {
    const list = byYear.get(entry.period.year) ?? [];
    list.push(entry);
    byYear.set(entry.period.year, list);
  }
  const years = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, list]) => combineYear(year, list, frequency, aggregation));
  return { years, ignored };
}

function combineYear(
  year: number,
  list: { period: Period; value: number }[],
  frequency: Frequency,
  aggregation: Aggregation,
): YearAggregate {
  const sorted = [...list].sort((a, b) => comparePeriods(a.period, b.period));
  const values = sorted.map((e) => e.value);
  const last = sorted[sorted.length - 1];
  const sum = values.reduce((acc, v) => acc + v, 0);
  const value =
    aggregation === "sum" ? sum : aggregation === "mean" ? sum / values.length : (last?.value ?? 0);
  const expected = periodsPerYear(frequency);
  return {
    year,
    value,
    periods: values.length,
    expected,
    complete: values.length === expected,
    lastPeriod: last ? formatPeriod(last.period) : String(year),
  };
}

/**
 * The nation's yearly series: a year the nation reported directly keeps that value; any other
 * year with regional values is derived from them (sum for counts, unweighted mean otherwise).
 */
export function deriveNationalSeries(
  national: readonly YearValue[],
  regional: readonly (YearValue & { region: string })[],
  unit: Unit,
): NationalYearValue[] {
  const direct = new Map(national.map((v) => [v.year, v.value]));
  const byYear = new Map<number, Map<string, number>>();
  for (const v of regional) {
    if (direct.has(v.year)) continue;
    const regions = byYear.get(v.year) ?? new Map<string, number>();
    regions.set(v.region, v.value);
    byYear.set(v.year, regions);
  }
  const result: NationalYearValue[] = [...direct].map(([year, value]) => ({
    year,
    value,
    derived: false,
    regions: 0,
  }));
  for (const [year, regions] of byYear) {
    const values = [...regions.values()];
    const sum = values.reduce((acc, v) => acc + v, 0);
    const value = unit === "count" ? sum : sum / values.length;
    result.push({ year, value, derived: true, regions: values.length });
  }
  return result.sort((a, b) => a.year - b.year);
}
