import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, ReportSchedulesTable } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

export type ReportSchedule = Selectable<ReportSchedulesTable>;

/** Stores a schedule; its first report goes at `nextRunAt`. */
export async function createReportSchedule(
  db: Conn,
  args: {
    program: string;
    region: string | null;
    lang: string;
    frequency: "monthly" | "quarterly";
    recipients: string[];
    createdBy: string;
    nextRunAt: Date;
  },
): Promise<ReportSchedule> {
  return db
    .insertInto("report_schedules")
    .values({
      program_code: args.program,
      region: args.region,
      lang: args.lang,
      frequency: args.frequency,
      recipients: args.recipients,
      created_by: args.createdBy,
      next_run_at: args.nextRunAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every schedule, the next to run first. */
export async function listReportSchedules(db: Conn): Promise<ReportSchedule[]> {
  return db.selectFrom("report_schedules").selectAll().orderBy("next_run_at").execute();
}

/** Deletes a schedule; returns it as it was, or undefined when there is none. */
export async function deleteReportSchedule(
  db: Conn,
  id: string,
): Promise<ReportSchedule | undefined> {
  return db.deleteFrom("report_schedules").where("id", "=", id).returningAll().executeTakeFirst();
}

/**
 * Claims one due schedule for `leaseMs` (not claimed, or its sender's lease ran out): two
 * senders never take the same one, and a crashed sender's schedule is taken again later.
 */
export async function claimDueReportSchedule(
  db: Conn,
  args: { now: Date; leaseMs: number },
): Promise<ReportSchedule | undefined> {
  const expired = new Date(args.now.getTime() - args.leaseMs);
  return db
    .updateTable("report_schedules")
    .set({ claimed_at: args.now })
    .where("id", "=", (eb) =>
      eb
        .selectFrom("report_schedules")
        .select("id")
        .where("next_run_at", "<=", args.now)
        .where((w) => w.or([w("claimed_at", "is", null), w("claimed_at", "<", expired)]))
        .orderBy("next_run_at")
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Ends a claim: the next run and what happened (null error: sent). */
export async function finishReportSchedule(
  db: Conn,
  args: { id: string; nextRunAt: Date; now: Date; error: string | null },
): Promise<void> {
  await db
    .updateTable("report_schedules")
    .set({
      claimed_at: null,
      next_run_at: args.nextRunAt,
      last_error: args.error,
      ...(args.error === null ? { last_sent_at: args.now } : {}),
    })
    .where("id", "=", args.id)
    .execute();
}
