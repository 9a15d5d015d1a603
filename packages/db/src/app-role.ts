import { sql } from "kysely";
import { createDb, type Db } from "./client";
import { migrateToLatest } from "./migrate";

/** Tables the app reads but never writes: the audit trail (append-only) and the migrations'. */
const INSERT_ONLY = ["audit_log"];
const READ_ONLY = ["kysely_migration", "kysely_migration_lock"];

/**
 * Gives the app's role rows and nothing else on the schema this connection's role owns: select,
 * insert, update and delete on tables, sequences, the same on tables later migrations make
 * (default privileges), the audit log insert and select only. Run by the owner after migrating;
 * idempotent. infra/local/services.sh grants the same on an installation it upgrades.
 */
export async function grantAppPrivileges(db: Db, appRole: string): Promise<void> {
  const app = sql.id(appRole);
  await db.transaction().execute(async (trx) => {
    await sql`grant usage on schema public to ${app}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${app}`.execute(
      trx,
    );
    await sql`grant usage, select on all sequences in schema public to ${app}`.execute(trx);
    await sql`alter default privileges in schema public
      grant select, insert, update, delete on tables to ${app}`.execute(trx);
    await sql`alter default privileges in schema public
      grant usage, select on sequences to ${app}`.execute(trx);
    for (const table of [...INSERT_ONLY, ...READ_ONLY]) {
      const exists = await sql<{ t: string | null }>`select to_regclass(${table}) as t`.execute(
        trx,
      );
      if (!exists.rows[0]?.t) continue;
      const verbs = READ_ONLY.includes(table) ? "insert, update, delete" : "update, delete";
      await sql`revoke ${sql.raw(verbs)}, truncate, references, trigger on ${sql.table(table)}
        from ${app}`.execute(trx);
    }
  });
}

/** The user name of a postgres:// connection string. */
export function roleOf(connectionString: string): string {
  return decodeURIComponent(new URL(connectionString).username);
}

/**
 * Migrates as the schema's owner (`ownerUrl`), then grants the app's role (the user of `appUrl`)
 * its rows when it is another role (a single-role installation migrates with its own URL).
 * Returns the migrations it ran.
 */
export async function migrateAsOwner(ownerUrl: string, appUrl: string): Promise<string[]> {
  const db = createDb(ownerUrl, { max: 1 });
  try {
    const ran = await migrateToLatest(db);
    const app = roleOf(appUrl);
    const { rows } = await sql<{ owner: string }>`select current_user as owner`.execute(db);
    if (app && app !== rows[0]?.owner) await grantAppPrivileges(db, app);
    return ran;
  } finally {
    await db.destroy();
  }
}
