import {
  type FigureProvenance,
  listApprovedUnits,
  listFigureProvenance,
  listPrograms,
  type ProgramSummary,
} from "@spm/db";
import {
  type CurrentStatus,
  type Locale,
  projectedPath,
  type ShownFigure,
  showFigureWithRevisions,
  toleranceBands,
  type YearStatus,
} from "@spm/kpi";
import { evaluateIndicatorEverywhere, type IndicatorStatusView } from "@spm/services";
import type { IndicatorChartData } from "~/components/indicator/indicator-chart";
import { db } from "~/lib/db";
import { type DateProblem, readPageDates } from "~/lib/view-dates";

/**
 * The view kept in the URL: `?region=` (default national), `?asOf=` (default today, or the
 * reported-on day), `?reportedOn=` (the figures as known then), and the overview's filters
 * the page came from (`keep`), which its links and back link carry on.
 */
export interface PageQuery {
  region?: string;
  asOf: string;
  reportedOn: string | null;
  /** A day of the URL that was not shown, and why. */
  problem: DateProblem | null;
  /** The overview's filters (program, year, direction, level), well-formed ones only. */
  keep: Record<string, string>;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const KEPT: Record<string, RegExp> = {
  program: /^[A-Z0-9-]{1,64}$/,
  year: /^\d{4}$/,
  direction: /^[A-Z0-9_-]{1,20}$/,
  level: /^[a-z_]{1,20}$/,
};

/**
 * Reads the view from the query string; a malformed day, or one before the programme's first
 * year (when known), is left out (named in `problem`) and today shown.
 */
export function parsePageQuery(
  params: SearchParams | URLSearchParams,
  firstYear = 1000,
): PageQuery {
  const get = (key: string) =>
    params instanceof URLSearchParams ? (params.get(key) ?? undefined) : first(params[key]);
  const region = get("region")?.trim().toUpperCase();
  const dates = readPageDates({ asOf: get("asOf"), reportedOn: get("reportedOn") }, firstYear);
  const keep: Record<string, string> = {};
  for (const [key, pattern] of Object.entries(KEPT)) {
    const value = get(key);
    if (value && pattern.test(value)) keep[key] = value;
  }
  return { region: region || undefined, ...dates, keep };
}

/** A place's evaluation with the status of each of its years (the years table). */
export type PlaceView = IndicatorStatusView & { years: YearStatus[] };

export interface RegionView {
  code: string;
  name: string;
  view: PlaceView;
}

export interface IndicatorPageData {
  program: ProgramSummary;
  /** The reader may read confidential figures (else their values are withheld). */
  mayReadConfidential: boolean;
  /** The region shown (the nation's code for the national view). */
  region: string;
  regionName: string;
  nationCode: string;
  view: PlaceView;
  /** Each region's evaluation, for regional indicators (empty otherwise). */
  regions: RegionView[];
}

/**
 * Evaluates one indicator for the requested region (the nation when absent or unknown) and,
 * when it is regional, for every region. Null when no active indicator has this code.
 */
export async function loadIndicator(
  code: string,
  query: PageQuery,
  reader: { locale: Locale; mayReadConfidential: boolean },
): Promise<IndicatorPageData | null> {
  const { locale, mayReadConfidential } = reader;
  const [programs, everywhere] = await Promise.all([
    listPrograms(db()),
    evaluateIndicatorEverywhere(db(), {
      code,
      asOf: query.asOf,
      reportedOn: query.reportedOn,
      locale,
      mayReadConfidential,
    }),
  ]);
  const nationView = everywhere[0];
  if (!nationView) return null;
  const program = programs.find((p) => p.code === nationView.programCode);
  if (!program) return null;
  const nationCode = program.nationCode;
  const nameOf = (region: string) =>
    program.regions.find((r) => r.code === region)?.name[locale] ?? region;
  const regions = everywhere
    .slice(1)
    .map((view): RegionView => ({ code: view.region, name: nameOf(view.region), view }));
  const selected = regions.find((r) => r.code === query.region);
  return {
    program,
    mayReadConfidential,
    region: selected?.code ?? nationCode,
    regionName: nameOf(selected?.code ?? nationCode),
    nationCode,
    view: selected?.view ?? nationView,
    regions,
  };
}

/**
 * The page's query and data: a day before the indicator's programme (known once it is loaded)
 * is refused as the overview refuses it, and the page loaded again for today.
 */
export async function loadIndicatorPage(
  code: string,
  search: SearchParams | URLSearchParams,
  reader: { locale: Locale; mayReadConfidential: boolean },
): Promise<{ query: PageQuery; data: IndicatorPageData | null }> {
  const query = parsePageQuery(search);
  const data = await loadIndicator(code, query, reader);
  if (!data) return { query, data };
  const bounded = parsePageQuery(search, data.program.years.start);
  if (bounded.problem?.code !== "date_before_program") return { query, data };
  return { query: bounded, data: await loadIndicator(code, bounded, reader) };
}

/** A figure with its revisions as the reader may see them (confidential values withheld). */
export type ShownProvenance = ShownFigure<Omit<FigureProvenance, "revisions">> & {
  revisions: ShownFigure<FigureProvenance["revisions"][number]>[];
};

/**
 * The figures of the place shown, with revisions: one place at a time (the nation's own figures
 * on the national view; each region's on its view), so a page stays small however many regions.
 */
export async function loadProvenance(data: IndicatorPageData): Promise<ShownProvenance[]> {
  const figures = await listFigureProvenance(db(), {
    indicator: data.view.indicator.code,
    region: data.region,
  });
  return figures.map((f) => showFigureWithRevisions(f, data.mayReadConfidential));
}

/**
 * The current status each programme year with a value had at its year end (or the as-of
 * date, if earlier): computed by the service from the full series, withheld like the rest.
 */
/** The years of a programme whose figures at a place are approved (locked). */
export async function approvedYears(program: string, region: string): Promise<Set<number>> {
  const units = await listApprovedUnits(db(), [program]);
  return new Set(units.filter((u) => u.region === region).map((u) => u.year));
}

export function yearStatuses(data: IndicatorPageData): Map<number, CurrentStatus> {
  return new Map(data.view.years.map((y) => [y.year, y.status]));
}

const CHART_FLAGS = new Set(["estimated", "provisional"]);

/** Plain chart data: one entry per year from the first figure (or baseline) to the end year. */
export function chartData(
  data: IndicatorPageData,
  figures: readonly ShownProvenance[],
): IndicatorChartData {
  const { view, program } = data;
  const { indicator, status } = view;
  const years = view.series.map((p) => p.year);
  const from = Math.min(indicator.baseline.year, ...years);
  const to = Math.max(program.years.end, ...years);
  const labels = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const byYear = new Map(view.series.map((p) => [p.year, p]));
  const flaggedYears = new Set(
    figures
      .filter((f) => f.region === data.region && f.flag !== null && CHART_FLAGS.has(f.flag))
      .map((f) => f.year),
  );
  const pick = (test: (year: number, derived: boolean) => boolean) =>
    labels.map((year) => {
      const p = byYear.get(year);
      return p && p.value !== null && test(year, p.derived) ? p.value : null;
    });
  const isHistory = (year: number) => year < indicator.baseline.year;
  const targetAt = (year: number) => indicator.targets[String(year)] ?? null;
  const isRange = indicator.polarity === "range";
  const bands = new Map(
    toleranceBands({
      polarity: indicator.polarity,
      baseline: indicator.baseline.value,
      targets: indicator.targets,
      thresholds: indicator.thresholds,
    }).map((b) => [b.year, b]),
  );
  const final = status.inputs.finalTarget;
  const path = projectedPath(
    status.inputs.points,
    final ? { year: final.year, value: status.trajectory.projected } : null,
  );
  const pathAt = new Map(path.map((p) => [p.year, p.value]));
  return {
    labels: labels.map(String),
    history: pick((y) => isHistory(y)),
    reported: pick((y, derived) => !isHistory(y) && !derived && !flaggedYears.has(y)),
    derived: pick((y, derived) => !isHistory(y) && derived && !flaggedYears.has(y)),
    flagged: pick((y) => !isHistory(y) && flaggedYears.has(y)),
    target: isRange
      ? null
      : labels.map((y) => {
          const t = targetAt(y);
          return typeof t === "number" ? t : null;
        }),
    targetMin: isRange
      ? labels.map((y) => {
          const t = targetAt(y);
          return Array.isArray(t) ? t[0] : null;
        })
      : null,
    targetMax: isRange
      ? labels.map((y) => {
          const t = targetAt(y);
          return Array.isArray(t) ? t[1] : null;
        })
      : null,
    baseline: indicator.baseline.value,
    bandLow:
      bands.size > 0
        ? labels.map((y) => {
            const b = bands.get(y);
            return b ? (isRange ? b.amberLow : b.low) : null;
          })
        : null,
    bandHigh:
      bands.size > 0
        ? labels.map((y) => {
            const b = bands.get(y);
            return b ? (isRange ? b.amberHigh : b.high) : null;
          })
        : null,
    projected: path.length > 0 ? labels.map((y) => pathAt.get(y) ?? null) : null,
  };
}
