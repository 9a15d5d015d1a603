import type { Kysely } from "kysely";
import { sql } from "kysely";

// An indicator's polarity reason, baseline source and owner may be given in ru, kk and en
// (issue 15): JSON, a plain string kept as a JSON string.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table indicators
      alter column polarity_reason type jsonb using to_jsonb(polarity_reason),
      alter column baseline_source type jsonb using to_jsonb(baseline_source),
      alter column owner type jsonb using to_jsonb(owner)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const plain = (column: string) =>
    sql.raw(
      `alter column ${column} type text using case when jsonb_typeof(${column}) = 'string' then ${column} #>> '{}' else ${column} ->> 'en' end`,
    );
  await sql`alter table indicators ${plain("polarity_reason")}, ${plain("baseline_source")}, ${plain("owner")}`.execute(
    db,
  );
}
