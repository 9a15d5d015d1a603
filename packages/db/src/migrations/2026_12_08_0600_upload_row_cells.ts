import type { Kysely } from "kysely";
import { sql } from "kysely";

// Frozen once landed. A staged row's cells in narrow columns (written by COPY) instead of a jsonb
// document: `raw` stays for rows whose cells are not plain text (a JSON batch's other keys and
// types) and for rows staged before. A value sent as a JSON number is kept as one (value_number).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table upload_rows alter column raw drop not null,
    add column indicator text, add column period text, add column region text,
    add column value text, add column value_number double precision, add column flag text,
    add column note text, add column source text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update upload_rows set raw = jsonb_strip_nulls(jsonb_build_object('indicator', indicator,
    'period', period, 'region', region, 'value', coalesce(to_jsonb(value_number), to_jsonb(value)),
    'flag', flag, 'note', note, 'source', source)) where raw is null`.execute(db);
  await sql`alter table upload_rows alter column raw set not null, drop column indicator,
    drop column period, drop column region, drop column value, drop column value_number,
    drop column flag, drop column note, drop column source`.execute(db);
}
