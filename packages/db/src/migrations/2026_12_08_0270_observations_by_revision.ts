import type { Kysely } from "kysely";
import { sql } from "kysely";

// `observations.revision_id` references `observation_revisions`: deleting revisions (the demo
// data's removal, `spm demo remove`) checks every deleted revision against observations, a full
// scan of observations each without this index — ten thousand demo revisions on a database of a
// million figures did not finish in two minutes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index observations_by_revision on observations (revision_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index observations_by_revision`.execute(db);
}
