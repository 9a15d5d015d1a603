import { type Kysely, sql } from "kysely";

// Managers edit indicators (issue 15): each indicator has a `version` (If-Match), its targets a
// per-year document, each change of a definition a row of `indicator_changes` (who, when, why,
// which fields), and a programme keeps the definition of its last imported file, the base of the
// three-way merge that keeps managers' edits on the next import.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("indicators")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("targets").addColumn("document", "text").execute();
  await db.schema.alterTable("programs").addColumn("imported_definition", "jsonb").execute();
  await sql`update programs set imported_definition = definition`.execute(db);
  await db.schema
    .createTable("indicator_changes")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("indicator_code", "text", (c) =>
      c.notNull().references("indicators.code").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('edit', 'import')`))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("changes", "jsonb", (c) => c.notNull())
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index indicator_changes_by_version
    on indicator_changes (indicator_code, version)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("indicator_changes").execute();
  await db.schema.alterTable("programs").dropColumn("imported_definition").execute();
  await db.schema.alterTable("targets").dropColumn("document").execute();
  await db.schema.alterTable("indicators").dropColumn("version").execute();
}
