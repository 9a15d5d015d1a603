// The status use case's pure half: from definitions and figures to the evaluations the read
// model stores and the pages show. No I/O; run.ts reads and writes around it.
import {
  evaluateIndicator,
  type IndicatorDefinition,
  type IndicatorEvaluation,
  type IsoDate,
  type ProgramDefinition,
  placesOf,
  type StoredFigure,
} from "@spm/kpi";

export interface IndicatorRef {
  program: ProgramDefinition;
  indicator: IndicatorDefinition;
}

/** Every active indicator of the given programmes with its programme. */
export function indicatorsOf(programs: readonly ProgramDefinition[]): IndicatorRef[] {
  return programs.flatMap((program) =>
    program.indicators.map((indicator) => ({ program, indicator })),
  );
}

/** One indicator evaluated in every place it is stored for, as of a date. */
export function evaluatePlaces(
  ref: IndicatorRef,
  figures: readonly StoredFigure[],
  asOf: IsoDate,
): IndicatorEvaluation[] {
  return placesOf(ref.program, ref.indicator).map((region) =>
    evaluateIndicator({ ...ref, figures, region, asOf }),
  );
}

/** The read model's rows for one indicator's evaluations. */
export function snapshotRows(
  code: string,
  evaluations: readonly IndicatorEvaluation[],
  asOf: IsoDate,
  dataVersion: string,
) {
  return evaluations.map((e) => ({
    indicator_code: code,
    region_code: e.region,
    as_of: asOf,
    current_level: e.status.current.level,
    trajectory_level: e.status.trajectory.level,
    status: e.status,
    evaluation: e,
    data_version: dataVersion,
  }));
}

/** The programme's year ends up to `asOf` (the years the read model keeps besides today). */
export function yearEndsOf(program: ProgramDefinition, asOf: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let year = program.years.start; year <= program.years.end; year++) {
    if (`${year}-12-31` <= asOf) out.push(`${year}-12-31`);
  }
  return out;
}

/** The read model's year rows: one indicator's evaluations at each year end, every place. */
export function yearRows(
  code: string,
  byYearEnd: ReadonlyMap<IsoDate, readonly IndicatorEvaluation[]>,
  dataVersion: string,
) {
  return [...byYearEnd].flatMap(([yearEnd, evaluations]) =>
    evaluations.map((e) => ({
      indicator_code: code,
      region_code: e.region,
      year: Number(yearEnd.slice(0, 4)),
      current_level: e.status.current.level,
      trajectory_level: e.status.trajectory.level,
      evaluation: e,
      data_version: dataVersion,
    })),
  );
}

export interface FigureOverlay {
  indicator: string;
  region: string;
  period: string;
  value: number;
}

/** The stored figures with an overlay's figures put in their place (a dry run's "after"). */
export function withOverlay(
  stored: readonly StoredFigure[],
  overlay: readonly FigureOverlay[],
): StoredFigure[] {
  const replaced = new Set(overlay.map((o) => `${o.region}|${o.period}`));
  return [
    ...stored.filter((f) => !replaced.has(`${f.region}|${f.period}`)),
    ...overlay.map((o) => ({ period: o.period, region: o.region, value: o.value })),
  ];
}
