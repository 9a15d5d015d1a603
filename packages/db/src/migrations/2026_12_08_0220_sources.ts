import { type Kysely, sql } from "kysely";

// Issue 16, Sources: scheduled pulls from a DHIS2 instance or a CSV/JSON address, each pull an
// upload (kind `source`) that names its source. The credential is kept sealed (AES-256-GCM,
// sealed by the services layer with the key of SECRETS_KEY): this table never holds it plain.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sources")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('dhis2', 'url')`))
    .addColumn("url", "text", (c) => c.notNull())
    // DHIS2 only: dataSets, orgUnits, children, periods or lastYears (see services/sources).
    .addColumn("dhis2", "jsonb")
    .addColumn("auth_kind", "text", (c) =>
      c.notNull().check(sql`auth_kind in ('none', 'token', 'basic')`),
    )
    .addColumn("auth_username", "text")
    .addColumn("secret_sealed", "text")
    .addColumn("every_minutes", "integer", (c) => c.notNull().check(sql`every_minutes >= 15`))
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("next_pull_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_pull_at", "timestamptz")
    .addColumn("last_outcome", "text", (c) =>
      c.check(sql`last_outcome in ('uploaded', 'unchanged', 'failed')`),
    )
    .addColumn("last_upload_id", "uuid", (c) => c.references("uploads.id").onDelete("set null"))
    .addColumn("last_content_hash", "text")
    .addColumn("last_error", "jsonb")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index sources_due on sources (next_pull_at) where enabled`.execute(db);
  await sql`alter table uploads drop constraint uploads_kind_check`.execute(db);
  await sql`alter table uploads add constraint uploads_kind_check
    check (kind in ('file', 'api', 'seed', 'demo', 'source'))`.execute(db);
  await db.schema
    .alterTable("uploads")
    .addColumn("source_id", "uuid", (c) => c.references("sources.id").onDelete("set null"))
    .execute();
  await sql`create index uploads_by_source on uploads (source_id, seq) where source_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("uploads").dropColumn("source_id").execute();
  await sql`update uploads set kind = 'file' where kind = 'source'`.execute(db);
  await sql`alter table uploads drop constraint uploads_kind_check`.execute(db);
  await sql`alter table uploads add constraint uploads_kind_check
    check (kind in ('file', 'api', 'seed', 'demo'))`.execute(db);
  await db.schema.dropTable("sources").execute();
}
