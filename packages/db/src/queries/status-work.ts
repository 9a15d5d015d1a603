import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/** Why a status must be computed again (kept on each work row, for operators). */
export type StatusWorkReason =
  | "upload"
  | "import"
  | "edit"
  | "demo"
  | "date"
  | "worker_start"
  | "migration"
  | "request"
  | "approval";

/** The reasons that recompute every indicator although none of their inputs changed. */
const WHOLE_REFRESH: readonly StatusWorkReason[] = ["date", "worker_start", "migration"];

/**
 * Records that the statuses of some indicators (or of every active one) must be computed again.
 * Call it in the transaction that changes their inputs: the work then commits with the change.
 */
export async function addStatusWork(
  db: Conn,
  indicators: readonly string[] | "all",
  reason: StatusWorkReason,
): Promise<void> {
  const codes = indicators === "all" ? [null] : [...new Set(indicators)];
  if (codes.length === 0) return;
  await db
    .insertInto("status_work")
    .values(codes.map((indicator_code) => ({ indicator_code, reason })))
    .execute();
}

/**
 * Turns pending "every indicator" rows into one row per given active indicator, in one
 * transaction; a row another worker is expanding is left to it.
 */
export async function expandFullStatusWork(
  db: Kysely<Database>,
  activeCodes: readonly string[],
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const full = await trx
      .selectFrom("status_work")
      .select(["id", "reason"])
      .where("indicator_code", "is", null)
      .where("done_at", "is", null)
      .forUpdate()
      .skipLocked()
      .execute();
    if (full.length === 0) return 0;
    const reason = (full[0]?.reason ?? "date") as StatusWorkReason;
    await addStatusWork(trx, activeCodes, reason);
    await trx
      .updateTable("status_work")
      .set({ done_at: sql`now()` })
      .where(
        "id",
        "in",
        full.map((f) => f.id),
      )
      .execute();
    return full.length;
  });
}

/**
 * Indicators with pending status work (of the given ones, or all): those whose inputs changed
 * first, then those only a whole refresh asks for; oldest first within each.
 */
export async function listPendingStatusWork(
  db: Conn,
  limit: number,
  only?: readonly string[],
): Promise<string[]> {
  if (only?.length === 0) return [];
  let q = db.selectFrom("status_work");
  if (only) q = q.where("indicator_code", "in", [...only]);
  // Changed inputs before whole refreshes (the date, a worker's start, a migration): a figure
  // posted just after midnight does not wait behind every indicator of every programme.
  const rows = await q
    .select("indicator_code")
    .select((eb) => eb.fn.min("id").as("first"))
    .select(sql<boolean>`bool_and(reason in (${sql.join(WHOLE_REFRESH)}))`.as("whole"))
    .where("done_at", "is", null)
    .where("indicator_code", "is not", null)
    .groupBy("indicator_code")
    .orderBy("whole")
    .orderBy("first")
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.indicator_code ? [r.indicator_code] : []));
}

/**
 * Inside the refresh of one indicator: serialises refreshes of it, then marks its pending work
 * done and says how many rows that was. Every row marked here committed before this statement,
 * so the figures read after it include their changes; rows committed later stay pending.
 */
export async function claimStatusWork(trx: Transaction<Database>, code: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`status:${code}`}))`.execute(trx);
  const done = await trx
    .updateTable("status_work")
    .set({ done_at: sql`now()` })
    .where("indicator_code", "=", code)
    .where("done_at", "is", null)
    .returning("id")
    .execute();
  return done.length;
}

/** Pending work older than the given age (its job was lost, or its worker died). */
export async function countStalledStatusWork(db: Conn, olderThan: Date): Promise<number> {
  const row = await db
    .selectFrom("status_work")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("done_at", "is", null)
    .where("created_at", "<", olderThan)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Forgets finished work older than the given time; returns how many rows went. */
export async function pruneStatusWork(db: Conn, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("status_work")
    .where("done_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Advances the data version in the transaction that writes the read model, so a reader sees a
 * new version exactly when the data it stands for is visible. Returns the new version.
 */
export async function advanceDataVersion(trx: Transaction<Database>): Promise<string> {
  const row = await trx
    .updateTable("data_version")
    .set({ version: sql`version + 1`, changed_at: sql`now()` })
    .where("id", "=", 1)
    .returning("version")
    .executeTakeFirstOrThrow();
  return String(row.version);
}

/** The current data version: every cache and the dashboard's self-refresh key on it. */
export async function currentDataVersion(db: Conn): Promise<string> {
  const row = await db
    .selectFrom("data_version")
    .select("version")
    .where("id", "=", 1)
    .executeTakeFirst();
  return String(row?.version ?? "0");
}
