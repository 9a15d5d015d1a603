// Managers' schedules of the annual report by e-mail: stored and removed with an audit entry in
// the same transaction; the worker's sender claims the due ones (apps/ingest reports/send.ts).
import {
  type Actor,
  actorFields,
  createReportSchedule,
  type Db,
  deleteReportSchedule,
  type ReportSchedule,
  recordAudit,
} from "@spm/db";
import type { Locale } from "@spm/kpi";
import { nextReportRun, type ReportFrequency } from "./compute";
import { checkReportRequest } from "./run";

/** A schedule as the API shows it. */
export interface ReportScheduleView {
  id: string;
  program: string;
  region: string | null;
  lang: string;
  frequency: ReportFrequency;
  recipients: string[];
  createdBy: string;
  nextRunAt: string;
  lastSentAt: string | null;
  lastError: string | null;
}

/** The API's view of a stored schedule. */
export function viewReportSchedule(row: ReportSchedule): ReportScheduleView {
  return {
    id: row.id,
    program: row.program_code,
    region: row.region,
    lang: row.lang,
    frequency: row.frequency,
    recipients: row.recipients,
    createdBy: row.created_by,
    nextRunAt: new Date(row.next_run_at).toISOString(),
    lastSentAt: row.last_sent_at ? new Date(row.last_sent_at).toISOString() : null,
    lastError: row.last_error,
  };
}

/**
 * Schedules a programme's report (of the running programme year, for the nation or a region) to
 * `recipients` every month or quarter from the next one; throws as `checkReportRequest` does.
 */
export async function scheduleReport(
  db: Db,
  args: {
    program: string;
    region?: string;
    lang: Locale;
    frequency: ReportFrequency;
    recipients: string[];
    now: Date;
  },
  actor: Actor,
): Promise<ReportScheduleView> {
  await checkReportRequest(db, { program: args.program, region: args.region });
  return db.transaction().execute(async (trx) => {
    const row = await createReportSchedule(trx, {
      program: args.program,
      region: args.region ?? null,
      lang: args.lang,
      frequency: args.frequency,
      recipients: [...new Set(args.recipients.map((r) => r.toLowerCase()))],
      createdBy: actorFields(actor).actor,
      nextRunAt: nextReportRun(args.frequency, args.now),
    });
    const view = viewReportSchedule(row);
    await recordAudit(trx, {
      ...actorFields(actor),
      action: "report_schedule.create",
      entityType: "report_schedule",
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

/** Removes a schedule with an audit entry; false when there is none. */
export async function unscheduleReport(db: Db, id: string, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const gone = await deleteReportSchedule(trx, id);
    if (!gone) return false;
    await recordAudit(trx, {
      ...actorFields(actor),
      action: "report_schedule.delete",
      entityType: "report_schedule",
      entityId: id,
      before: viewReportSchedule(gone),
    });
    return true;
  });
}
