import { type Kysely, sql } from "kysely";

// Figures typed into the entry grid (`/entry`) arrive as one upload of kind `form`.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table uploads drop constraint uploads_kind_check`.execute(db);
  await sql`alter table uploads add constraint uploads_kind_check
    check (kind in ('file', 'api', 'seed', 'demo', 'source', 'form'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update uploads set kind = 'api' where kind = 'form'`.execute(db);
  await sql`alter table uploads drop constraint uploads_kind_check`.execute(db);
  await sql`alter table uploads add constraint uploads_kind_check
    check (kind in ('file', 'api', 'seed', 'demo', 'source'))`.execute(db);
}
