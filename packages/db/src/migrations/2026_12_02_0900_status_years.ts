import { type Kysely, sql } from "kysely";

// The read model's programme years (issue 11): per indicator × place × programme year, the
// evaluation at the year's end, written with the current snapshot in one transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("status_years")
    .addColumn("indicator_code", "text", (c) =>
      c.notNull().references("indicators.code").onDelete("cascade"),
    )
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("current_level", "text", (c) => c.notNull())
    .addColumn("trajectory_level", "text", (c) => c.notNull())
    .addColumn("evaluation", "jsonb", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("data_version", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("status_years_pkey", ["indicator_code", "region_code", "year"])
    .execute();
  await sql`create index status_years_by_year on status_years (year, region_code)`.execute(db);
  // Fill it: every indicator's statuses are recomputed once.
  await sql`insert into status_work (indicator_code, reason) values (null, 'migration')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("status_years").execute();
}
