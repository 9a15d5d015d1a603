import type { Kysely } from "kysely";

// A delivery claims its notification for a lease instead of locking the row across the send
// (issue 13, item 21): `claimed_by` the worker, `claimed_at` when; an expired claim is taken over.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("notifications")
    .addColumn("claimed_at", "timestamptz")
    .addColumn("claimed_by", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("notifications")
    .dropColumn("claimed_at")
    .dropColumn("claimed_by")
    .execute();
}
