import { type Kysely, sql } from "kysely";

// Issue 13, item 16: the `confidential` permission of users and API tokens (off unless given),
// and series points that say whether a confidential figure made them. The stored evaluations
// lack that mark, so they are dropped (reads evaluate live meanwhile) and all are refreshed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("confidential", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("api_tokens")
    .addColumn("confidential", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.deleteFrom("status_snapshots").execute();
  await db.deleteFrom("status_years").execute();
  await sql`insert into status_work (indicator_code, reason) values (null, 'migration')`.execute(
    db,
  );
  await scrubConfidentialCopies(db);
}

/**
 * Copies of values that alerts made before the permission existed (nobody holds it yet): the
 * alert's and its events' value and the in-app notices' value, for indicators with a confidential
 * figure. Sent e-mails and webhooks are gone; outbox bodies of before stay (admins only).
 */
export async function scrubConfidentialCopies(db: Kysely<any>): Promise<void> {
  const secret = sql`(select distinct indicator_code from observations
    where lower(flag) = 'confidential')`;
  await sql`update alert_events e set value = null from alerts a
    where a.id = e.alert_id and e.value is not null and a.indicator_code in ${secret}`.execute(db);
  await sql`update alerts set value = null
    where value is not null and indicator_code in ${secret}`.execute(db);
  await sql`update notifications set payload = jsonb_set(payload, '{value}', 'null')
      || '{"confidential": true}'::jsonb
    where channel = 'in_app' and payload->>'type' = 'alert' and payload->>'value' is not null
      and payload#>>'{indicator,code}' in ${secret}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_tokens").dropColumn("confidential").execute();
  await db.schema.alterTable("users").dropColumn("confidential").execute();
}
