import type { Kysely } from "kysely";
import { sql } from "kysely";

// Data quality (issue 18): the warnings of validation rules and the outlier check, each on the
// upload row that caused it (its figure named, since an upload may be removed by its figures'
// key only); and the figures marked for follow-up, one mark a figure until it is cleared.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("upload_warnings")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("upload_id", "uuid", (c) => c.notNull().references("uploads.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("indicator_code", "text", (c) =>
      c.notNull().references("indicators.code").onDelete("cascade"),
    )
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("upload_warnings_upload")
    .on("upload_warnings")
    .columns(["upload_id", "row_number"])
    .execute();
  await db.schema
    .createIndex("upload_warnings_indicator")
    .on("upload_warnings")
    .columns(["indicator_code", "created_at"])
    .execute();
  await db.schema
    .createTable("figure_follow_ups")
    .addColumn("indicator_code", "text", (c) =>
      c.notNull().references("indicators.code").onDelete("cascade"),
    )
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("marked_by", "text", (c) => c.notNull())
    .addColumn("marked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("figure_follow_ups_pkey", ["indicator_code", "region_code", "period"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("figure_follow_ups").execute();
  await db.schema.dropTable("upload_warnings").execute();
}
