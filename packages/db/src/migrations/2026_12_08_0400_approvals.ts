import type { Kysely } from "kysely";
import { sql } from "kysely";

// Approval of figures (issue 18): one row per programme × year × place that has left `open`
// once; no row is an open unit. Every change is in the audit log; the row keeps the latest.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("approvals")
    .addColumn("program_code", "text", (c) =>
      c.notNull().references("programs.code").onDelete("cascade"),
    )
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('open', 'submitted', 'approved')`),
    )
    .addColumn("last_action", "text", (c) =>
      c.notNull().check(sql`last_action in ('submit', 'approve', 'return', 'reopen')`),
    )
    .addColumn("comment", "text")
    .addColumn("acted_by", "text", (c) => c.notNull())
    .addColumn("acted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("submitted_by", "text")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "timestamptz")
    .addPrimaryKeyConstraint("approvals_pkey", ["program_code", "year", "region_code"])
    .execute();
  // The worker's lock check and the status filter read the approved units of a programme.
  await sql`create index approvals_approved on approvals (program_code) where state = 'approved'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("approvals").execute();
}
