import { type Kysely, sql } from "kysely";

// One status truth (issue 11): status work written with every change of a status input, the
// read model's full evaluation beside each snapshot, and one data version advanced with it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("status_work")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // Null: every active indicator (the date rolled over, a worker started).
    .addColumn("indicator_code", "text", (c) => c.references("indicators.code"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("done_at", "timestamptz")
    .execute();
  await sql`create index status_work_pending on status_work (indicator_code, id)
    where done_at is null`.execute(db);
  await sql`create index status_work_done on status_work (done_at) where done_at is not null`.execute(
    db,
  );

  await db.schema
    .createTable("data_version")
    .addColumn("id", "smallint", (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into data_version (id, version) values (1, 1)`.execute(db);

  await db.schema.alterTable("status_snapshots").addColumn("evaluation", "jsonb").execute();
  await db.schema
    .alterTable("status_snapshots")
    .addColumn("data_version", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  // What existed before had no work rows: refresh everything once.
  await sql`insert into status_work (indicator_code, reason) values (null, 'migration')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("status_snapshots").dropColumn("data_version").execute();
  await db.schema.alterTable("status_snapshots").dropColumn("evaluation").execute();
  await db.schema.dropTable("data_version").execute();
  await db.schema.dropTable("status_work").execute();
}
