import { type Db, listFiguresKnownBefore, listStoredFigures } from "@spm/db";
import { addDays, type IsoDate, type StoredFigure } from "@spm/kpi";

/**
 * The figures as they are, or as they were known at the end of `reportedOn` (UTC, the day the
 * pages call today): each figure's revision recorded by then that the later-accepted upload wrote.
 */
export function readFigures(
  db: Db,
  args: { indicators: string[]; region?: string; reportedOn?: IsoDate | null },
): Promise<Map<string, StoredFigure[]>> {
  const { reportedOn, ...which } = args;
  if (!reportedOn) return listStoredFigures(db, which);
  return listFiguresKnownBefore(db, { ...which, knownBefore: endOfDay(reportedOn) });
}

/** The instant a day ends (UTC): what was recorded before it was known on that day. */
export function endOfDay(day: IsoDate): Date {
  return new Date(`${addDays(day, 1)}T00:00:00Z`);
}
