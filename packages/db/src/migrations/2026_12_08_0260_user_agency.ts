import type { Kysely } from "kysely";

// Agencies as data (issue 15): a user may belong to one (an agency code of the programmes' files),
// for "My indicators".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("agency", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("agency").execute();
}
