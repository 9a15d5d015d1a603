import { type Kysely, sql } from "kysely";

// Frozen once landed. Alerting (DESIGN.md, "Alerts"): rules, one alert per rule × indicator ×
// region with its state-machine state, the history of its transitions, and notifications, which
// are written here first and delivered afterwards (exactly once per dedupe key).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("alert_rules")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    // Rules shipped in a programme file carry its key, so a re-import never duplicates them.
    .addColumn("key", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("deleted_at", "timestamptz")
    .execute();
  await sql`create unique index alert_rules_key on alert_rules (program_code, key)
    where key is not null`.execute(db);

  await db.schema
    .createTable("alerts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rule_id", "uuid", (c) => c.notNull().references("alert_rules.id"))
    .addColumn("indicator_code", "text", (c) => c.notNull().references("indicators.code"))
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('normal', 'pending', 'firing')`),
    )
    .addColumn("consecutive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fired_at", "timestamptz")
    .addColumn("last_notified_at", "timestamptz")
    .addColumn("since", "timestamptz", (c) => c.notNull())
    .addColumn("acknowledged", "jsonb")
    .addColumn("silenced_until", "timestamptz")
    // What the condition was judged on at the last evaluation.
    .addColumn("value", "double precision")
    .addColumn("level", "text")
    .addColumn("evaluated_at", "timestamptz", (c) => c.notNull())
    // Set when an edit of the rule took the instance out of its scope.
    .addColumn("retired_at", "timestamptz")
    .addUniqueConstraint("alerts_instance", ["rule_id", "indicator_code", "region_code"])
    .execute();
  await sql`create index alerts_active on alerts (status, since desc)
    where status <> 'normal'`.execute(db);

  await db.schema
    .createTable("alert_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("alert_id", "uuid", (c) => c.notNull().references("alerts.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("value", "double precision")
    .addColumn("level", "text")
    .addColumn("actor", "text")
    .addColumn("comment", "text")
    // For a silence: until when.
    .addColumn("until", "timestamptz")
    .execute();
  await db.schema
    .createIndex("alert_events_alert")
    .on("alert_events")
    .columns(["alert_id", "id"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) =>
      c.notNull().check(sql`channel in ('email', 'webhook', 'in_app')`),
    )
    .addColumn("alert_id", "uuid", (c) => c.references("alerts.id"))
    .addColumn("user_id", "uuid", (c) => c.references("users.id"))
    // An e-mail address or a webhook URL (for accounts, the address at the time of sending).
    .addColumn("address", "text")
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'sent', 'outbox', 'failed', 'unread', 'read')`),
    )
    // The rendered e-mail (subject, text, html) or webhook body, as delivered.
    .addColumn("message", "jsonb")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addColumn("read_at", "timestamptz")
    .execute();
  await sql`create index notifications_inbox on notifications (user_id, created_at desc)
    where channel = 'in_app'`.execute(db);
  await sql`create index notifications_pending on notifications (created_at)
    where status = 'pending'`.execute(db);
  await db.schema
    .createIndex("notifications_alert")
    .on("notifications")
    .columns(["alert_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["notifications", "alert_events", "alerts", "alert_rules"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
