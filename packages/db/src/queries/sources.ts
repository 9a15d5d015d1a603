import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Upload } from "../database";
import type {
  SourceAuthKind,
  SourceDhis2Params,
  SourceError,
  SourceKind,
  SourceRow,
} from "../sources-table";

type Conn = Kysely<Database> | Transaction<Database>;

/** A source's stored fields as the services layer decides them (the secret already sealed). */
export interface SourceFields {
  programCode: string;
  name: string;
  kind: SourceKind;
  url: string;
  dhis2: SourceDhis2Params | null;
  authKind: SourceAuthKind;
  authUsername: string | null;
  secretSealed: string | null;
  everyMinutes: number;
  enabled: boolean;
}

function columnsOf(fields: Partial<SourceFields>) {
  return {
    program_code: fields.programCode,
    name: fields.name,
    kind: fields.kind,
    url: fields.url,
    dhis2: fields.dhis2 === undefined ? undefined : fields.dhis2 && JSON.stringify(fields.dhis2),
    auth_kind: fields.authKind,
    auth_username: fields.authUsername,
    secret_sealed: fields.secretSealed,
    every_minutes: fields.everyMinutes,
    enabled: fields.enabled,
  };
}

/** Stores a new source, due for its first pull at once. */
export async function insertSource(
  db: Conn,
  id: string,
  fields: SourceFields,
  createdBy: string,
): Promise<SourceRow> {
  return db
    .insertInto("sources")
    .values({ id, ...columnsOf(fields), created_by: createdBy } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a source's fields (those given); undefined when there is no such source. */
export async function updateSourceRow(
  db: Conn,
  id: string,
  fields: Partial<SourceFields>,
  now: Date,
): Promise<SourceRow | undefined> {
  return db
    .updateTable("sources")
    .set({ ...columnsOf(fields), updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a source; its uploads stay (they no longer name it). */
export async function deleteSourceRow(db: Conn, id: string): Promise<SourceRow | undefined> {
  return db.deleteFrom("sources").where("id", "=", id).returningAll().executeTakeFirst();
}

/** One source, locked for the caller's transaction when `forUpdate`. */
export async function findSourceRow(
  db: Conn,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SourceRow | undefined> {
  let q = db.selectFrom("sources").selectAll().where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Every source, by name. */
export async function listSourceRows(db: Conn): Promise<SourceRow[]> {
  return db.selectFrom("sources").selectAll().orderBy("name").execute();
}

/**
 * Claims the enabled sources whose pull is due, moving each one's next pull a period on in the
 * same statement: two workers never claim the same pull (skip locked).
 */
export async function claimDueSources(db: Conn, now: Date, limit = 50): Promise<string[]> {
  const rows = await sql<{ id: string; next_pull_at: Date }>`
    update sources set next_pull_at = ${now}::timestamptz + every_minutes * interval '1 minute'
    where id in (select id from sources where enabled and next_pull_at <= ${now}
      order by next_pull_at limit ${limit} for update skip locked)
    returning id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Records a pull that made (or found already made) an upload. */
export async function recordSourcePulled(
  db: Conn,
  id: string,
  pull: { uploadId: string; contentHash: string; outcome: "uploaded" | "unchanged"; at: Date },
): Promise<void> {
  await db
    .updateTable("sources")
    .set({
      last_pull_at: pull.at,
      last_outcome: pull.outcome,
      last_upload_id: pull.uploadId,
      last_content_hash: pull.contentHash,
      last_error: null,
      failures: 0,
    })
    .where("id", "=", id)
    .execute();
}

/** Records a failed pull: its reason, and one more failure in a row. */
export async function recordSourceFailed(
  db: Conn,
  id: string,
  failure: { error: SourceError; at: Date },
): Promise<void> {
  await db
    .updateTable("sources")
    .set((eb) => ({
      last_pull_at: failure.at,
      last_outcome: "failed",
      last_error: JSON.stringify(failure.error),
      failures: eb("failures", "+", 1),
    }))
    .where("id", "=", id)
    .execute();
}

/** The uploads a source's pulls made, newest first. */
export async function listSourceUploads(db: Conn, sourceId: string, limit = 50): Promise<Upload[]> {
  return db
    .selectFrom("uploads")
    .selectAll()
    .where("source_id", "=", sourceId)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
}
