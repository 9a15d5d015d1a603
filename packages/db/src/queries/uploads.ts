import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Upload, UploadStatus } from "../database";
import { stagedRaw } from "./upload-copy";
import { outcomeIn } from "./upload-outcomes";

type Conn = Kysely<Database> | Transaction<Database>;
// Staged rows carry 4 parameters each: 5,000 a statement stays far below Postgres' 65,535.
const STAGE_CHUNK = 5000;

export interface NewUpload {
  kind: "file" | "api" | "source" | "form";
  filename?: string | null;
  format?: string | null;
  contentHash?: string | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  createdBy: string;
  dryRun: boolean;
  regionsScope: string[] | null;
  sourceId?: string | null;
}

/** Creates an upload in `queued` state (inside the outbox transaction). */
export async function createUpload(
  trx: Conn,
  input: NewUpload,
): Promise<{ id: string; seq: string }> {
  return trx
    .insertInto("uploads")
    .values({
      kind: input.kind,
      filename: input.filename ?? null,
      format: input.format ?? null,
      content_hash: input.contentHash ?? null,
      idempotency_key: input.idempotencyKey ?? null,
      request_hash: input.requestHash ?? null,
      created_by: input.createdBy,
      dry_run: input.dryRun,
      regions_scope: input.regionsScope,
      source_id: input.sourceId ?? null,
      status: "queued",
    })
    .returning(["id", "seq"])
    .executeTakeFirstOrThrow();
}

/** Finds the upload a caller already made with an idempotency key. */
export async function findUploadByIdempotencyKey(
  db: Conn,
  createdBy: string,
  key: string,
): Promise<Upload | undefined> {
  return db
    .selectFrom("uploads")
    .selectAll()
    .where("created_by", "=", createdBy)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

export interface StagedRow {
  row: number;
  raw: Record<string, unknown>;
  /** Canonical `indicator|region|period`, or null when the row could not be keyed. */
  figureKey: string | null;
  /** Set for rows refused already at staging (shape errors, forbidden region). */
  outcome?: "rejected";
}

/** Stores raw rows of an upload, in multi-row statements. */
export async function stageRows(
  trx: Conn,
  uploadId: string,
  rows: readonly StagedRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += STAGE_CHUNK) {
    await trx
      .insertInto("upload_rows")
      .values(
        rows.slice(i, i + STAGE_CHUNK).map((r) => ({
          upload_id: uploadId,
          row_number: r.row,
          raw: JSON.stringify(r.raw),
          figure_key: r.figureKey,
          outcome: r.outcome ?? null,
        })),
      )
      .execute();
  }
}

export interface UploadErrorInput {
  row: number;
  field: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Stores row errors of an upload. */
export async function addUploadErrors(
  trx: Conn,
  uploadId: string,
  errors: readonly UploadErrorInput[],
): Promise<void> {
  for (let i = 0; i < errors.length; i += STAGE_CHUNK) {
    await trx
      .insertInto("upload_errors")
      .values(
        errors.slice(i, i + STAGE_CHUNK).map((e) => ({
          upload_id: uploadId,
          row_number: e.row,
          field: e.field,
          code: e.code,
          message: e.message,
          params: JSON.stringify(e.params ?? {}),
        })),
      )
      .execute();
  }
}

/** Finds one upload. */
export async function findUploadById(db: Conn, id: string): Promise<Upload | undefined> {
  return db.selectFrom("uploads").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Lists uploads, newest first (one author's only, when given). */
export async function listUploads(
  db: Conn,
  filter: { createdBy?: string; limit?: number; offset?: number } = {},
): Promise<Upload[]> {
  let q = db
    .selectFrom("uploads")
    .selectAll()
    .where("kind", "in", ["file", "api", "source"])
    .orderBy("seq", "desc")
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0);
  if (filter.createdBy) q = q.where("created_by", "=", filter.createdBy);
  return q.execute();
}

/** Lists the row errors of an upload in row order, optionally of one code. */
export async function listUploadErrors(
  db: Conn,
  uploadId: string,
  page: { limit?: number; offset?: number; code?: string } = {},
) {
  let q = db
    .selectFrom("upload_errors as e")
    .leftJoin("upload_rows as r", (j) =>
      j.onRef("r.upload_id", "=", "e.upload_id").onRef("r.row_number", "=", "e.row_number"),
    )
    .select(["e.row_number as row", "e.field", "e.code", "e.message", "e.params"])
    // The flag the row was sent with: a row sent confidential is shown so to other readers.
    .select(sql<string | null>`coalesce(r.raw->>'flag', r.flag)`.as("flag"))
    .where("e.upload_id", "=", uploadId)
    .orderBy("e.row_number")
    .orderBy("e.id")
    .limit(page.limit ?? 1000)
    .offset(page.offset ?? 0);
  if (page.code) q = q.where("e.code", "=", page.code);
  return q.execute();
}

/** Sets an upload's state (and any of its report fields). */
export async function updateUploadState(
  db: Conn,
  id: string,
  status: UploadStatus,
  fields: {
    failureReason?: string | null;
    startedAt?: Date;
    finishedAt?: Date;
    statusChanges?: unknown[];
  } = {},
): Promise<void> {
  await db
    .updateTable("uploads")
    .set({
      status,
      ...(fields.failureReason !== undefined ? { failure_reason: fields.failureReason } : {}),
      ...(fields.startedAt ? { started_at: fields.startedAt } : {}),
      ...(fields.finishedAt ? { finished_at: fields.finishedAt } : {}),
      ...(fields.statusChanges ? { status_changes: JSON.stringify(fields.statusChanges) } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Uploads Postgres holds as waiting or running, created before the given time. */
export async function listPendingUploads(db: Conn, createdBefore: Date): Promise<Upload[]> {
  return db
    .selectFrom("uploads")
    .selectAll()
    .where("status", "in", ["queued", "processing"])
    .where("created_at", "<", createdBefore)
    .orderBy("seq")
    .limit(1000)
    .execute();
}

/** The indicators and regions (nation as its code) whose figures an upload inserted or updated. */
export async function listChangedFigures(
  db: Conn,
  uploadId: string,
  nationOf: (indicator: string) => string | undefined,
): Promise<{ indicator: string; region: string }[]> {
  const rows = await db
    .selectFrom("upload_rows as r")
    .select([
      sql<string>`split_part(r.figure_key, '|', 1)`.as("indicator"),
      sql<string>`split_part(r.figure_key, '|', 2)`.as("region"),
    ])
    .where("r.upload_id", "=", uploadId)
    .where(outcomeIn("r", uploadId, ["inserted", "updated"]))
    .where("r.figure_key", "is not", null)
    .distinct()
    .execute();
  return rows.flatMap((r) => {
    const region = r.region || nationOf(r.indicator);
    return region ? [{ indicator: r.indicator, region }] : [];
  });
}

/** Raw rows of an upload that were (or, in a dry run, would be) inserted or updated. */
export async function listAppliedRawRows(db: Conn, uploadId: string) {
  return db
    .selectFrom("upload_rows as r")
    .select(["r.row_number as row", stagedRaw("r").as("raw")])
    .where("r.upload_id", "=", uploadId)
    .where(outcomeIn("r", uploadId, ["inserted", "updated"]))
    .orderBy("r.row_number")
    .execute();
}

/** Counts an upload attempt and marks it `processing`, keeping its first start time. */
export async function startUploadAttempt(db: Conn, id: string, now: Date): Promise<void> {
  await db
    .updateTable("uploads")
    .set((eb) => ({
      status: "processing",
      attempts: eb("attempts", "+", 1),
      started_at: eb.fn.coalesce("started_at", eb.val(now)),
    }))
    .where("id", "=", id)
    .execute();
}

/** Puts a failed upload back in the queue state for another try; returns its new retry number. */
export async function requeueUpload(db: Conn, id: string): Promise<number | undefined> {
  const row = await db
    .updateTable("uploads")
    .set((eb) => ({ status: "queued", failure_reason: null, retries: eb("retries", "+", 1) }))
    .where("id", "=", id)
    .where("status", "=", "failed")
    .returning("retries")
    .executeTakeFirst();
  return row?.retries;
}

/** Records the totals of a staged upload (rows received, refused at staging). */
export async function setStagedCounts(
  db: Conn,
  id: string,
  received: number,
  rejected: number,
): Promise<void> {
  await db
    .updateTable("uploads")
    .set({ received, rejected, progress_total: received, progress_done: rejected })
    .where("id", "=", id)
    .execute();
}

/** Rejected rows of an upload with their raw cells and every error, in row order (for fixing). */
export async function listRejectedRows(db: Conn, uploadId: string) {
  return db
    .selectFrom("upload_rows as r")
    .leftJoin("upload_errors as e", (j) =>
      j.onRef("e.upload_id", "=", "r.upload_id").onRef("e.row_number", "=", "r.row_number"),
    )
    .select(["r.row_number as row", stagedRaw("r").as("raw")])
    .select(["e.field", "e.code", "e.message", "e.params"])
    .where("r.upload_id", "=", uploadId)
    .where(outcomeIn("r", uploadId, ["rejected"]))
    .orderBy("r.row_number")
    .orderBy("e.id")
    .execute();
}
