import type { Kysely } from "kysely";
import { sql } from "kysely";

// Narratives (issue 15): per indicator × place × year, every version kept (the latest is the
// current one), each with its author and time; texts in one or more of ru, kk, en.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("narratives")
    .addColumn("indicator_code", "text", (c) =>
      c.notNull().references("indicators.code").onDelete("cascade"),
    )
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("explanation", "jsonb", (c) => c.notNull())
    .addColumn("measures", "jsonb")
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("written_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("narratives_pkey", [
      "indicator_code",
      "region_code",
      "year",
      "version",
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("narratives").execute();
}
