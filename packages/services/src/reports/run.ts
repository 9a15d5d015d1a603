// The annual report's run half: one programme's year as its reader may see it, read from the
// status read model (the year's end and the previous one's) and the figures' provenance.
import {
  currentDataVersion,
  type Db,
  hasDemoData,
  listFigureProvenance,
  listPrograms,
  type ProgramSummary,
} from "@spm/db";
import { type IsoDate, type Locale, type ShownFigure, showFigure } from "@spm/kpi";
import { ServiceError } from "../errors";
import { evaluateIndicatorStatuses, type IndicatorStatusView } from "../status/run";
import { type ReportSummary, reportAsOf, summariseYear } from "./compute";

/** A figure of the report's place as its reader may see it: value and note withheld if secret. */
export type ReportFigure = ShownFigure<{
  period: string;
  year: number;
  value: number;
  flag: string | null;
  note: string | null;
  source: string | null;
}>;

export interface ReportIndicator {
  view: IndicatorStatusView;
  /** Its level at the previous year's end (null in the programme's first year). */
  previous: IndicatorStatusView["status"]["current"]["level"] | null;
  /** The place's figures up to the report's year, oldest first. */
  figures: ReportFigure[];
}

export interface AnnualReport {
  program: ProgramSummary;
  year: number;
  asOf: IsoDate;
  /** The data version read before the statuses: the report holds figures at least this new. */
  dataVersion: string;
  demo: boolean;
  /** The place reported on (the nation's code for the national report). */
  region: string;
  indicators: ReportIndicator[];
  summary: ReportSummary;
}

/**
 * The programme and place of a report request: throws `not_found` for an unknown programme,
 * `out_of_range` (naming the field) for a year outside it (when given) or a place it lacks.
 */
export async function checkReportRequest(
  db: Db,
  args: { program: string; year?: number; region?: string },
): Promise<{ program: ProgramSummary; region: string }> {
  const program = (await listPrograms(db)).find((p) => p.code === args.program);
  if (!program) throw new ServiceError("not_found", `no programme ${args.program}`);
  const { start, end } = program.years;
  if (args.year !== undefined && (args.year < start || args.year > end))
    throw new ServiceError("out_of_range", `the programme's years are ${start}..${end}`, [
      { path: "year", message: `between ${start} and ${end}` },
    ]);
  const region = args.region ?? program.nationCode;
  if (!program.regions.some((r) => r.code === region))
    throw new ServiceError("out_of_range", `the programme has no place ${region}`, [
      { path: "region", message: "a place of the programme" },
    ]);
  return { program, region };
}

/**
 * One programme's year for one reader: every indicator's status at the year's end (today while it
 * runs) and a year before, its figures and the summary; a region's report holds the indicators
 * reported by region. Throws as `checkReportRequest` does.
 */
export async function loadAnnualReport(
  db: Db,
  args: {
    program: string;
    year: number;
    region?: string;
    locale: Locale;
    mayReadConfidential: boolean;
    today: IsoDate;
  },
): Promise<AnnualReport> {
  const dataVersion = await currentDataVersion(db);
  const { program, region } = await checkReportRequest(db, args);
  const read = (asOf: IsoDate, withYears: boolean) =>
    evaluateIndicatorStatuses(db, {
      asOf,
      program: program.code,
      region: args.region,
      locale: args.locale,
      mayReadConfidential: args.mayReadConfidential,
      withYears,
    });
  const asOf = reportAsOf(args.year, args.today);
  const national = region === program.nationCode;
  const views = (await read(asOf, true)).filter(
    (v) => national || v.indicator.disaggregation === "regional",
  );
  const before =
    args.year > program.years.start ? await read(reportAsOf(args.year - 1, args.today), false) : [];
  const previousOf = new Map(before.map((v) => [v.indicator.code, v.status.current.level]));
  const indicators: ReportIndicator[] = [];
  for (const view of views) {
    const figures = await listFigureProvenance(db, { indicator: view.indicator.code, region });
    indicators.push({
      view,
      previous: previousOf.get(view.indicator.code) ?? null,
      figures: figures
        .filter((f) => f.year <= args.year)
        .sort((a, b) => a.period.localeCompare(b.period))
        .map(({ period, year, value, flag, note, source }) =>
          showFigure({ period, year, value, flag, note, source }, args.mayReadConfidential),
        ),
    });
  }
  const summary = summariseYear(
    program.directions.map((d) => d.code),
    indicators.map(({ view, previous }) => ({
      code: view.indicator.code,
      direction: view.indicator.direction,
      level: view.status.current.level,
      previous,
      trajectory: view.status.trajectory.level,
    })),
  );
  const demo = await hasDemoData(db);
  return { program, year: args.year, asOf, dataVersion, demo, region, indicators, summary };
}
