/**
 * From stored figures to what a reader sees for one indicator and one region (or the nation):
 * the yearly series against targets, the latest figure, and the status. The one composition of
 * aggregation and status rules that the API, the worker and the dashboard all call.
 */
import { aggregateYears, deriveNationalSeries, type YearValue } from "./aggregate";
import { isConfidentialFlag } from "./confidential-flag";
import type { IsoDate } from "./dates";
import { comparePeriods, formatPeriod, parsePeriod } from "./periods";
import type { IndicatorDefinition, ProgramDefinition, TargetValue } from "./program";
import { targetOf } from "./rules";
import { computeStatus } from "./status";
import type { IndicatorStatus } from "./status-types";

/** One stored figure (current revision) of an indicator. */
export interface StoredFigure {
  period: string;
  region: string;
  value: number;
  flag?: string | null;
}

export interface SeriesPoint {
  year: number;
  value: number | null;
  target: TargetValue | null;
  /** True when the nation's value is made from its regions (not reported directly). */
  derived: boolean;
  /** False while a sub-annual year has fewer periods than it should. */
  complete: boolean;
  lastPeriod: string | null;
  /** True when a figure flagged `confidential` made the value (a region's, for a derived one). */
  confidential: boolean;
}

export interface IndicatorEvaluation {
  region: string;
  series: SeriesPoint[];
  latest: {
    period: string;
    year: number;
    value: number;
    derived: boolean;
    confidential: boolean;
  } | null;
  status: IndicatorStatus;
}

export interface EvaluationInput {
  program: Pick<ProgramDefinition, "years" | "nation">;
  indicator: IndicatorDefinition;
  figures: readonly StoredFigure[];
  /** A region code; absent (or the nation's code) means the nation. */
  region?: string;
  asOf: IsoDate;
}

type YearPoint = YearValue & {
  complete: boolean;
  lastPeriod: string;
  derived: boolean;
  confidential: boolean;
};

/** Builds the yearly series, latest figure and status of one indicator for a region or the nation. */
export function evaluateIndicator(input: EvaluationInput): IndicatorEvaluation {
  const nation = input.program.nation.code;
  const region = input.region ?? nation;
  const years = region === nation ? nationalYears(input) : regionYears(input, region);
  const { start, end } = input.program.years;
  const status = computeStatus({
    indicator: input.indicator,
    years: input.program.years,
    series: years.map(({ year, value }) => ({ year, value })),
    asOf: input.asOf,
  });
  const byYear = new Map(years.map((y) => [y.year, y]));
  const allYears = new Set([...byYear.keys(), ...rangeOf(start, end)]);
  const series = [...allYears]
    .sort((a, b) => a - b)
    .map((year): SeriesPoint => {
      const point = byYear.get(year);
      return {
        year,
        value: point?.value ?? null,
        target: targetOf(input.indicator.targets, year),
        derived: point?.derived ?? false,
        complete: point?.complete ?? false,
        lastPeriod: point?.lastPeriod ?? null,
        confidential: point?.confidential ?? false,
      };
    });
  const last = years[years.length - 1];
  const latest = last
    ? {
        period: last.lastPeriod,
        year: last.year,
        value: last.value,
        derived: last.derived,
        confidential: last.confidential,
      }
    : null;
  return { region, series, latest, status };
}

/** The places an indicator is evaluated and stored for: the nation, and each region when regional. */
export function placesOf(
  program: Pick<ProgramDefinition, "nation" | "regions">,
  indicator: Pick<IndicatorDefinition, "disaggregation">,
): string[] {
  const regions = indicator.disaggregation === "regional" ? program.regions.map((r) => r.code) : [];
  return [program.nation.code, ...regions];
}

function rangeOf(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * One region's years. A figure for the whole year stands for that year (history files often
 * give annual totals for indicators now reported quarterly); otherwise periods are aggregated.
 */
function regionYears(input: EvaluationInput, region: string): YearPoint[] {
  // In period order whatever order the figures came in: sums and means add in one order.
  const own = input.figures
    .filter((f) => f.region === region)
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const { frequency, aggregation } = input.indicator;
  const annual = new Map<number, { value: number; confidential: boolean }>();
  const subAnnual: { period: string; value: number }[] = [];
  // Years with a confidential sub-annual figure: the year's aggregate reveals it.
  const secretYears = new Set<number>();
  for (const f of own) {
    const parsed = parsePeriod(f.period);
    if (!parsed.ok) continue;
    const confidential = isConfidentialFlag(f.flag);
    if (parsed.period.frequency === "yearly")
      annual.set(parsed.period.year, { value: f.value, confidential });
    else {
      subAnnual.push({ period: formatPeriod(parsed.period), value: f.value });
      if (confidential) secretYears.add(parsed.period.year);
    }
  }
  const points = new Map<number, YearPoint>();
  if (frequency !== "yearly") {
    for (const y of aggregateYears(subAnnual, frequency, aggregation).years) {
      points.set(y.year, { ...y, derived: false, confidential: secretYears.has(y.year) });
    }
  }
  for (const [year, { value, confidential }] of annual) {
    points.set(year, {
      year,
      value,
      complete: true,
      lastPeriod: String(year),
      derived: false,
      confidential,
    });
  }
  return [...points.values()].sort((a, b) => a.year - b.year);
}

/** The nation's years: reported directly, else derived from its regions (sum or mean). */
function nationalYears(input: EvaluationInput): YearPoint[] {
  const nation = input.program.nation.code;
  const direct = regionYears(input, nation);
  // Regions in code order: the nation's sum of them is the same however figures were read.
  const regions = [...new Set(input.figures.map((f) => f.region))]
    .filter((r) => r !== nation)
    .sort();
  if (regions.length === 0) return direct;
  const regional = regions.flatMap((r) => regionYears(input, r).map((y) => ({ ...y, region: r })));
  const derived = deriveNationalSeries(direct, regional, input.indicator.unit);
  const directByYear = new Map(direct.map((d) => [d.year, d]));
  return derived.map((y): YearPoint => {
    const own = directByYear.get(y.year);
    if (own) return own;
    const parts = regional.filter((r) => r.year === y.year);
    const lastPeriod = parts
      .map((p) => p.lastPeriod)
      .sort((a, b) => {
        const pa = parsePeriod(a);
        const pb = parsePeriod(b);
        return pa.ok && pb.ok ? comparePeriods(pa.period, pb.period) : 0;
      })
      .at(-1);
    return {
      year: y.year,
      value: y.value,
      derived: true,
      complete: parts.every((p) => p.complete),
      lastPeriod: lastPeriod ?? String(y.year),
      confidential: parts.some((p) => p.confidential),
    };
  });
}
