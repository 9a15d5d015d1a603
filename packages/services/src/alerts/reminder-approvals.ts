/**
 * What reminders need of approvals (DESIGN "Data collection"): a figure of an approved year and
 * place is locked, so no reminder asks for it; a year returned to a steward's place is named in
 * their reminders with the manager's comment, until it is submitted again.
 */
import { type Database, listApprovals } from "@spm/db";
import type { Kysely } from "kysely";

/** A year at a place sent back to its stewards, with why. */
export interface ReturnedUnit {
  year: number;
  /** The region, or null for the nation. */
  region: string | null;
  comment: string | null;
}

export interface ReminderApprovals {
  isApproved(year: number, place: string): boolean;
  /** The returned years at these places (the nation's as `region: null`). */
  returnedAt(places: readonly string[]): ReturnedUnit[];
}

export async function reminderApprovals(
  db: Kysely<Database>,
  program: { code: string; nation: string },
): Promise<ReminderApprovals> {
  const rows = await listApprovals(db, { program: program.code });
  const approved = new Set(
    rows.filter((r) => r.state === "approved").map((r) => `${r.year}|${r.region_code}`),
  );
  const returned = rows.filter((r) => r.state === "open" && r.last_action === "return");
  return {
    isApproved: (year, place) => approved.has(`${year}|${place}`),
    returnedAt: (places) =>
      returned
        .filter((r) => places.includes(r.region_code))
        .map((r) => ({
          year: r.year,
          region: r.region_code === program.nation ? null : r.region_code,
          comment: r.comment,
        })),
  };
}
