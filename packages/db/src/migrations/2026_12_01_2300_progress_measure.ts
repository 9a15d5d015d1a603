import { type Kysely, sql } from "kysely";

// The status shape gained the progress measure (issue 12: trajectory `progressStatus`, `score`,
// `progress`; inputs `progress`): the read model's stored evaluations lack them, so refresh
// everything once. No table changes: `trajectory: statcan` and `trend` fit the stored columns.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into status_work (indicator_code, reason) values (null, 'migration')`.execute(
    db,
  );
}

export async function down(_db: Kysely<any>): Promise<void> {}
