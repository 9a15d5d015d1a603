import { type Kysely, sql } from "kysely";

// Issue 17, the annual report: the PDFs rendered on the server, kept per data version (and
// everything else they depend on) under a byte budget, and the one-page grants that let the
// renderer's browser open the report page with exactly its reader's permission.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_pdfs")
    .addColumn("cache_key", "text", (c) => c.primaryKey())
    .addColumn("data_version", "bigint", (c) => c.notNull())
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("report_pdfs_created_at")
    .on("report_pdfs")
    .column("created_at")
    .execute();
  // Only a SHA-256 of a grant is stored; a grant opens the annual report page and nothing else.
  await db.schema
    .createTable("report_grants")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("confidential", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_grants").execute();
  await db.schema.dropTable("report_pdfs").execute();
}
