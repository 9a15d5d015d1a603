import { type Kysely, sql } from "kysely";

// Frozen once landed. Staging keys (so duplicates inside an upload are found by the database,
// not in worker memory), the writer's region scope, and the request fingerprint of idempotency.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("upload_rows").addColumn("figure_key", "text").execute();
  await db.schema
    .createIndex("upload_rows_figure")
    .on("upload_rows")
    .columns(["upload_id", "figure_key", "row_number"])
    .execute();
  await sql`create index upload_rows_pending on upload_rows (upload_id, row_number)
    where outcome is null`.execute(db);
  await db.schema
    .alterTable("uploads")
    .addColumn("regions_scope", sql`text[]`)
    .addColumn("request_hash", "text")
    .addColumn("job_id", "text")
    .addColumn("retries", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("uploads")
    .dropColumn("regions_scope")
    .dropColumn("request_hash")
    .dropColumn("job_id")
    .dropColumn("retries")
    .execute();
  await sql`drop index if exists upload_rows_pending`.execute(db);
  await db.schema.dropIndex("upload_rows_figure").ifExists().execute();
  await db.schema.alterTable("upload_rows").dropColumn("figure_key").execute();
}
