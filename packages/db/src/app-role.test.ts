// The apps connect as a role that owns nothing: whoever holds its credentials can read and write
// rows, but cannot switch the audit trail off, rewrite it, or change the schema.
import { sql } from "kysely";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { roleOf } from "./app-role";
import { createDb } from "./client";
import { listAudit, recordAudit } from "./queries/audit";
import { createTestDb, uniqueSuffix } from "./test/factories";

const db = createTestDb();
afterAll(() => db.destroy());

/** Runs one statement in a transaction of its own and gives Postgres's error code. */
async function refusal(statement: string): Promise<string | undefined> {
  try {
    await db.transaction().execute((trx) => sql.raw(statement).execute(trx));
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe("the app's database role", () => {
  it("is not the schema's owner and may not make roles, databases or bypass anything", async () => {
    const owner = roleOf(process.env.MIGRATION_DATABASE_URL ?? "");
    const { rows } = await sql<{
      me: string;
      super: boolean;
      createdb: boolean;
      createrole: boolean;
      bypassrls: boolean;
      owned: number;
    }>`select current_user as me, r.rolsuper as super, r.rolcreatedb as createdb,
        r.rolcreaterole as createrole, r.rolbypassrls as bypassrls,
        (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = current_user`.execute(db);
    expect(rows[0]).toEqual({
      me: expect.not.stringMatching(new RegExp(`^(${owner}|postgres)$`)),
      super: false,
      createdb: false,
      createrole: false,
      bypassrls: false,
      owned: 0,
    });
  });

  it.each([
    "alter table audit_log disable trigger audit_log_no_change",
    "alter table audit_log disable trigger all",
    "drop trigger audit_log_no_change on audit_log",
    "drop function audit_log_append_only cascade",
    "update audit_log set actor = 'someone else'",
    "delete from audit_log",
    "truncate audit_log",
    "set session_replication_role = replica",
    "create table intruder (id int)",
    "alter table users add column intruder int",
    "drop table status_work",
    "truncate observations",
    "delete from kysely_migration",
    "create schema intruder",
  ])("is refused: %s", async (statement) => {
    expect(await refusal(statement)).toBe("42501"); // insufficient_privilege
  });

  it("gets rows, and no more, of a table a later migration makes", async () => {
    const owner = createDb(process.env.MIGRATION_DATABASE_URL ?? "", { max: 1 });
    onTestFinished(() => owner.destroy());
    const table = `later_${uniqueSuffix().toLowerCase()}`;
    await sql`create table ${sql.table(table)} (id serial primary key, v int)`.execute(owner);
    onTestFinished(() => sql`drop table ${sql.table(table)}`.execute(owner).then(() => {}));
    await sql`insert into ${sql.table(table)} (v) values (1)`.execute(db);
    await sql`update ${sql.table(table)} set v = 2`.execute(db);
    const { rows } = await sql<{ v: number }>`select v from ${sql.table(table)}`.execute(db);
    expect(rows).toEqual([{ v: 2 }]);
    expect(await refusal(`truncate ${table}`)).toBe("42501");
    expect(await refusal(`drop table ${table}`)).toBe("42501");
  });

  it("writes and reads rows, the audit log included", async () => {
    const entityId = `e-${uniqueSuffix()}`;
    await recordAudit(db, { actor: "test", action: "thing.create", entityType: "thing", entityId });
    expect(await listAudit(db, { entityType: "thing", entityId })).toHaveLength(1);
  });
});
