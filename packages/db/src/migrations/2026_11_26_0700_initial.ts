import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes go in a new migration file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("programs")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "jsonb", (c) => c.notNull())
    .addColumn("description", "jsonb")
    .addColumn("history_year", "integer", (c) => c.notNull())
    .addColumn("baseline_year", "integer", (c) => c.notNull())
    .addColumn("start_year", "integer", (c) => c.notNull())
    .addColumn("end_year", "integer", (c) => c.notNull())
    .addColumn("nation_code", "text", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    .addColumn("definition_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("directions")
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "jsonb", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("directions_pk", ["program_code", "code"])
    .execute();

  await db.schema
    .createTable("regions")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "jsonb", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('nation', 'region')`))
    .addColumn("parent_code", "text", (c) => c.references("regions.code"))
    .execute();

  await db.schema
    .createTable("program_regions")
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("program_regions_pk", ["program_code", "region_code"])
    .execute();

  await db.schema
    .createTable("indicators")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    .addColumn("direction_code", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "jsonb", (c) => c.notNull())
    .addColumn("description", "jsonb")
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("polarity", "text", (c) => c.notNull())
    .addColumn("polarity_reason", "text")
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("aggregation", "text", (c) => c.notNull())
    .addColumn("disaggregation", "text", (c) => c.notNull())
    .addColumn("baseline_year", "integer", (c) => c.notNull())
    .addColumn("baseline_value", "numeric", (c) => c.notNull())
    .addColumn("baseline_source", "text", (c) => c.notNull())
    .addColumn("targets_source", "text", (c) => c.notNull())
    .addColumn("thresholds", "jsonb", (c) => c.notNull())
    .addColumn("trajectory", "text", (c) => c.notNull())
    .addColumn("due_days", "integer", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("retired_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      "indicators_direction_fk",
      ["program_code", "direction_code"],
      "directions",
      ["program_code", "code"],
    )
    .execute();

  await db.schema
    .createTable("targets")
    .addColumn("indicator_code", "text", (c) => c.notNull().references("indicators.code"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", "numeric")
    .addColumn("min", "numeric")
    .addColumn("max", "numeric")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("targets_pk", ["indicator_code", "year"])
    .addCheckConstraint(
      "targets_value_or_range",
      sql`(value is not null and min is null and max is null) or (value is null and min <= max)`,
    )
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("display_name", "text")
    .addColumn("email", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('viewer', 'steward', 'manager', 'admin')`),
    )
    .addColumn("regions", sql`text[]`)
    .addColumn("lang", "text", (c) => c.notNull().defaultTo("ru"))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_username_unique on users (lower(username))`.execute(db);

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('viewer', 'steward', 'manager', 'admin')`),
    )
    .addColumn("regions", sql`text[]`)
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("uploads")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Acceptance order: when two uploads set the same figure, the later-accepted one wins.
    .addColumn("seq", "bigint", (c) => c.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('file', 'api', 'seed', 'demo')`),
    )
    .addColumn("filename", "text")
    .addColumn("format", "text")
    .addColumn("content_hash", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('queued', 'processing', 'completed', 'failed')`),
    )
    .addColumn("dry_run", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("received", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unchanged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status_changes", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("failure_reason", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .execute();
  await sql`create unique index uploads_idempotency_unique on uploads (created_by, idempotency_key)
    where idempotency_key is not null`.execute(db);
  await sql`create index uploads_pending on uploads (created_at) where status in ('queued', 'processing')`.execute(
    db,
  );

  await db.schema
    .createTable("upload_rows")
    .addColumn("upload_id", "uuid", (c) => c.notNull().references("uploads.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("raw", "jsonb", (c) => c.notNull())
    .addColumn("outcome", "text", (c) =>
      c.check(sql`outcome in ('inserted', 'updated', 'unchanged', 'rejected')`),
    )
    .addPrimaryKeyConstraint("upload_rows_pk", ["upload_id", "row_number"])
    .execute();

  await db.schema
    .createTable("upload_errors")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("upload_id", "uuid", (c) => c.notNull().references("uploads.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex("upload_errors_upload")
    .on("upload_errors")
    .columns(["upload_id", "row_number"])
    .execute();

  await createObservationTables(db);
  await createAuditLog(db);
}

async function createObservationTables(db: Kysely<any>): Promise<void> {
  // Every accepted value is a revision; `observations` holds the current one per figure.
  await db.schema
    .createTable("observation_revisions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("indicator_code", "text", (c) => c.notNull().references("indicators.code"))
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", "numeric", (c) => c.notNull())
    .addColumn("flag", "text")
    .addColumn("note", "text")
    .addColumn("source", "text")
    .addColumn("upload_id", "uuid", (c) => c.references("uploads.id"))
    .addColumn("upload_seq", "bigint", (c) => c.notNull())
    .addColumn("upload_row", "integer")
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One revision per figure per upload row: a retried job cannot add it twice.
  await sql`create unique index observation_revisions_once on observation_revisions
    (indicator_code, region_code, period, upload_seq)`.execute(db);

  await db.schema
    .createTable("observations")
    .addColumn("indicator_code", "text", (c) => c.notNull().references("indicators.code"))
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", "numeric", (c) => c.notNull())
    .addColumn("flag", "text")
    .addColumn("note", "text")
    .addColumn("source", "text")
    .addColumn("revision_id", "bigint", (c) => c.notNull().references("observation_revisions.id"))
    .addColumn("revision_count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("upload_seq", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("observations_pk", ["indicator_code", "region_code", "period"])
    .execute();
  await db.schema
    .createIndex("observations_by_year")
    .on("observations")
    .columns(["indicator_code", "year"])
    .execute();

  await db.schema
    .createTable("status_snapshots")
    .addColumn("indicator_code", "text", (c) => c.notNull().references("indicators.code"))
    .addColumn("region_code", "text", (c) => c.notNull().references("regions.code"))
    .addColumn("as_of", "date", (c) => c.notNull())
    .addColumn("current_level", "text", (c) => c.notNull())
    .addColumn("trajectory_level", "text", (c) => c.notNull())
    .addColumn("status", "jsonb", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("status_snapshots_pk", ["indicator_code", "region_code"])
    .execute();
}

async function createAuditLog(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("request_id", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema
    .createIndex("audit_log_entity")
    .on("audit_log")
    .columns(["entity_type", "entity_id"])
    .execute();
  // The audit log is append-only: updates and deletes are refused by the database itself.
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_no_change before update or delete or truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "status_snapshots",
    "observations",
    "observation_revisions",
    "upload_errors",
    "upload_rows",
    "uploads",
    "api_tokens",
    "sessions",
    "users",
    "targets",
    "indicators",
    "program_regions",
    "regions",
    "directions",
    "programs",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop function if exists audit_log_append_only`.execute(db);
}
