import { type Kysely, sql } from "kysely";

// Issue 17: managers' schedules that e-mail a programme's annual report every month or quarter.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_schedules")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("program_code", "text", (c) =>
      c.notNull().references("programs.code").onDelete("cascade"),
    )
    .addColumn("region", "text")
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) =>
      c.notNull().check(sql`frequency in ('monthly', 'quarterly')`),
    )
    .addColumn("recipients", sql`text[]`, (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("next_run_at", "timestamptz", (c) => c.notNull())
    // A sender holds a schedule for a lease while it renders and sends (no lock held meanwhile).
    .addColumn("claimed_at", "timestamptz")
    .addColumn("last_sent_at", "timestamptz")
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("report_schedules_next_run_at")
    .on("report_schedules")
    .column("next_run_at")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_schedules").execute();
}
