import { type Kysely, sql } from "kysely";

// Issue 13, item 16: the `confidential` permission of users and API tokens (off unless given),
// and series points that say whether a confidential figure made them. The stored evaluations
// lack that mark, so they are dropped (reads evaluate live meanwhile) and all are refreshed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("confidential", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("api_tokens")
    .addColumn("confidential", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.deleteFrom("status_snapshots").execute();
  await db.deleteFrom("status_years").execute();
  await sql`insert into status_work (indicator_code, reason) values (null, 'migration')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_tokens").dropColumn("confidential").execute();
  await db.schema.alterTable("users").dropColumn("confidential").execute();
}
