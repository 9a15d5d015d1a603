import type { Db } from "@spm/db";
import { type IsoDate, type ProgramDefinition, yearOfDate } from "@spm/kpi";
import { evaluatePlaces, yearEndsOf } from "../status/compute";
import { readFigures } from "../status/figures";

/** A place's levels at a programme year's end, as the read model's year rows hold them. */
export interface YearLevel {
  indicator_code: string;
  region_code: string;
  year: number;
  current_level: string;
  trajectory_level: string;
}

/**
 * One indicator's year levels as reported on a day: evaluated from the figures known at that
 * day's end, at each programme year's end by then (what the read model held on that day), up to
 * the year of `asOf`; one place or all. One indicator's figures are read at a time.
 */
export async function reportedYearLevels(
  db: Db,
  program: ProgramDefinition,
  code: string,
  req: { asOf: IsoDate; reportedOn: IsoDate; region?: string },
): Promise<YearLevel[]> {
  const indicator = program.indicators.find((i) => i.code === code);
  if (!indicator) return [];
  const figures = await readFigures(db, { indicators: [code], reportedOn: req.reportedOn });
  const maxYear = yearOfDate(req.asOf);
  const levels = yearEndsOf(program, req.reportedOn)
    .filter((end) => yearOfDate(end) <= maxYear)
    .flatMap((end) =>
      evaluatePlaces({ program, indicator }, figures.get(code) ?? [], end)
        .filter((e) => !req.region || e.region === req.region)
        .map(
          (e): YearLevel => ({
            indicator_code: code,
            region_code: e.region,
            year: yearOfDate(end),
            current_level: e.status.current.level,
            trajectory_level: e.status.trajectory.level,
          }),
        ),
    );
  // The read model's order: place, then year.
  return levels.sort((a, b) =>
    a.region_code === b.region_code ? a.year - b.year : a.region_code < b.region_code ? -1 : 1,
  );
}
