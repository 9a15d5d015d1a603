import { type Kysely, sql, type Transaction } from "kysely";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/**
 * A grant to open the annual report page once, for `ttlMs`, with the permission of the reader
 * who asked for its PDF (`actor`, as in the audit log); returns the secret (only its hash is kept).
 */
export async function createReportGrant(
  db: Conn,
  args: { actor: string; confidential: boolean; now: Date; ttlMs: number },
): Promise<string> {
  const id = generateSecret("spm_r");
  await db
    .insertInto("report_grants")
    .values({
      id_hash: hashSecret(id),
      actor: args.actor,
      confidential: args.confidential,
      created_at: args.now,
      expires_at: new Date(args.now.getTime() + args.ttlMs),
    })
    .execute();
  return id;
}

/** The live grant of this secret (not expired), or undefined. */
export async function findReportGrant(
  db: Conn,
  args: { id: string; now: Date },
): Promise<{ actor: string; confidential: boolean } | undefined> {
  return db
    .selectFrom("report_grants")
    .select(["actor", "confidential"])
    .where("id_hash", "=", hashSecret(args.id))
    .where("expires_at", ">", args.now)
    .executeTakeFirst();
}

/** Ends a grant (its render is over) and forgets every expired one. */
export async function endReportGrant(db: Conn, args: { id: string; now: Date }): Promise<void> {
  await db
    .deleteFrom("report_grants")
    .where((eb) =>
      eb.or([eb("id_hash", "=", hashSecret(args.id)), eb("expires_at", "<=", args.now)]),
    )
    .execute();
}

/** A cached report PDF, or undefined. */
export async function findReportPdf(db: Conn, key: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom("report_pdfs")
    .select("bytes")
    .where("cache_key", "=", key)
    .executeTakeFirst();
  return row?.bytes;
}

/**
 * Keeps a rendered PDF; drops those of older data versions (never asked for again) and then the
 * oldest until the cache holds at most `budgetBytes`.
 */
export async function storeReportPdf(
  db: Conn,
  args: { key: string; dataVersion: string; bytes: Buffer; budgetBytes: number },
): Promise<void> {
  await db
    .insertInto("report_pdfs")
    .values({
      cache_key: args.key,
      data_version: args.dataVersion,
      bytes: args.bytes,
      size_bytes: args.bytes.length,
    })
    .onConflict((oc) => oc.column("cache_key").doNothing())
    .execute();
  await db.deleteFrom("report_pdfs").where("data_version", "<", args.dataVersion).execute();
  await sql`delete from report_pdfs where cache_key in (
      select cache_key from (
        select cache_key, sum(size_bytes) over (order by created_at desc, cache_key) as total
        from report_pdfs) kept
      where total > ${args.budgetBytes})`.execute(db);
}
