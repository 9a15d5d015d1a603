import { type Kysely, sql } from "kysely";

// Tokens end (issue 13, finding 15): a live token made before every token had an expiry gets
// 90 days from now, time enough to replace it in its script.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update api_tokens set expires_at = now() + interval '90 days'
    where expires_at is null and revoked_at is null`.execute(db);
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Which tokens had no expiry is not kept: they keep the one they were given.
}
