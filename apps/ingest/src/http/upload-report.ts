// An upload's report as the API shows it to one reader: counts, progress, row errors, warnings
// and status changes; rows sent flagged confidential quote their value only to their sender and
// to readers with the permission (the rejected-rows CSV likewise).
import { type Db, listUploadErrors, listUploadWarnings, type Upload } from "@spm/db";
import { isConfidentialFlag, readsSentConfidential, showRowError } from "@spm/kpi";
import type { z } from "zod";
import { actorOf, type Principal } from "../auth/principal";
import type { detailQuery } from "./upload-schemas";

/** The report of an upload as the API shows it. */
export async function presentUpload(
  db: Db,
  upload: Upload,
  reader: Principal,
  page: z.infer<typeof detailQuery> = {},
) {
  const seesConfidential = mayReadSent(reader, upload);
  const stored = await listUploadErrors(db, upload.id, {
    offset: page.errorsOffset,
    limit: page.errorsLimit ?? 1000,
    code: page.code,
  });
  const errors = stored.map((e) => {
    const { flag: _flag, withheld: _withheld, ...shown } = showRowError(e, seesConfidential);
    return shown;
  });
  // Validation rules' and outlier warnings: the row is kept (DESIGN.md "Data collection").
  const warnings = (
    await listUploadWarnings(db, upload.id, { limit: page.errorsLimit ?? 1000 })
  ).map((w) => {
    const shown = showRowError({ ...w, field: "value" }, seesConfidential);
    return { row: shown.row, code: shown.code, message: shown.message, params: shown.params };
  });
  return {
    id: upload.id,
    kind: upload.kind,
    // The source whose pull made it (kind `source`; null once the source is deleted).
    sourceId: upload.source_id,
    filename: upload.filename,
    format: upload.format,
    dryRun: upload.dry_run,
    status: upload.status,
    counts: {
      received: upload.received,
      inserted: upload.inserted,
      updated: upload.updated,
      unchanged: upload.unchanged,
      rejected: upload.rejected,
    },
    progress: { done: upload.progress_done, total: upload.progress_total },
    errors,
    warnings,
    statusChanges: upload.status_changes,
    failureReason: upload.failure_reason,
    createdBy: upload.created_by,
    createdAt: upload.created_at,
    startedAt: upload.started_at,
    finishedAt: upload.finished_at,
  };
}

// The values of rows sent flagged confidential: for their sender and readers with the permission.
export function mayReadSent(principal: Principal, upload: Upload): boolean {
  const reader = { actor: actorOf(principal), confidential: principal.confidential };
  return readsSentConfidential(reader, upload.created_by);
}

interface RejectedRow {
  raw: unknown;
  field: string | null;
  code: string | null;
  message: string | null;
  params: unknown;
}

/** Rejected rows for the CSV: a row sent confidential shows no value or note to other readers. */
export function withholdSentConfidential<R extends RejectedRow>(rows: R[], mayRead: boolean): R[] {
  if (mayRead) return rows;
  return rows.map((r) => {
    const raw = (r.raw ?? {}) as Record<string, unknown>;
    const flag = String(raw.flag ?? "");
    if (!isConfidentialFlag(flag.trim())) return r;
    const message = r.code
      ? showRowError(
          {
            field: r.field ?? "row",
            code: r.code,
            params: r.params,
            message: r.message ?? "",
            flag,
          },
          false,
        ).message
      : r.message;
    return { ...r, raw: { ...raw, value: "", note: "" }, message };
  });
}
