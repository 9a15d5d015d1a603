import {
  type Database,
  type Db,
  listApprovedUnits,
  listFiguresKnownBefore,
  listStoredFigures,
} from "@spm/db";
import {
  addDays,
  approvalUnitKey,
  countedFigures,
  type IsoDate,
  type ProgramDefinition,
  type StoredFigure,
} from "@spm/kpi";
import type { Transaction } from "kysely";

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

/**
 * The figures a programme's statuses count (`statusFrom: approved`: those of approved units
 * only), read in the caller's transaction when it has one.
 */
export async function figuresCounted<F extends { period: string; region: string }>(
  db: Db | Transaction<Database>,
  program: Pick<ProgramDefinition, "code" | "statusFrom">,
  figures: readonly F[],
): Promise<F[]> {
  if (program.statusFrom !== "approved") return [...figures];
  const units = await listApprovedUnits(db, [program.code]);
  const keys = new Set(units.map((u) => approvalUnitKey(u.program, u.year, u.region)));
  return countedFigures(program, figures, keys);
}
