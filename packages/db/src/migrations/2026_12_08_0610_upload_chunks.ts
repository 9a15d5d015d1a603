import type { Kysely } from "kysely";
import { sql } from "kysely";

// Frozen once landed. A processed chunk of an upload as one row, written in the chunk's
// transaction: its last row is the upload's watermark (every row up to it is done) and it keeps
// its rows' outcomes (one letter a row: inserted, updated, unchanged, rejected), instead of an
// UPDATE of every staged row. `upload_row_outcomes` reads a row's outcome whichever way it was
// written (rows refused at staging, and uploads processed before, keep `upload_rows.outcome`).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table upload_chunks (
    upload_id uuid not null references uploads (id) on delete cascade,
    last_row integer not null,
    rows integer[] not null,
    outcomes text not null check (outcomes ~ '^[iunr]*$'),
    primary key (upload_id, last_row))`.execute(db);
  await sql`create view upload_row_outcomes as
    select upload_id, row_number, outcome from upload_rows where outcome is not null
    union all
    select c.upload_id, o.row_number, case o.letter when 'i' then 'inserted'
      when 'u' then 'updated' when 'n' then 'unchanged' else 'rejected' end
    from upload_chunks c,
      unnest(c.rows, string_to_array(c.outcomes, null)) as o(row_number, letter)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update upload_rows r set outcome = o.outcome from upload_row_outcomes o
    where r.upload_id = o.upload_id and r.row_number = o.row_number and r.outcome is null`.execute(
    db,
  );
  await sql`drop view upload_row_outcomes`.execute(db);
  await sql`drop table upload_chunks`.execute(db);
}
