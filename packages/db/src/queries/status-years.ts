import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/** One programme year of the read model: an indicator in one place at the year's end. */
export interface StatusYearInput {
  indicator_code: string;
  region_code: string;
  year: number;
  current_level: string;
  trajectory_level: string;
  evaluation: unknown;
  data_version: string;
}

/** Replaces every stored year of one indicator (all places) with `rows`. */
export async function replaceStatusYears(
  db: Conn,
  code: string,
  rows: readonly StatusYearInput[],
): Promise<void> {
  await db.deleteFrom("status_years").where("indicator_code", "=", code).execute();
  if (rows.length === 0) return;
  const now = new Date();
  // A few thousand rows at most (places × years); in slices to stay far from the bind limit.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("status_years")
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          ...r,
          evaluation: JSON.stringify(r.evaluation),
          computed_at: now,
        })),
      )
      .execute();
  }
}

/** The stored evaluations of one year for some indicators in some places (all when absent). */
export async function listStatusYears(
  db: Conn,
  args: { year: number; codes: readonly string[]; places?: readonly string[] },
): Promise<{ indicator_code: string; region_code: string; evaluation: unknown }[]> {
  if (args.codes.length === 0 || args.places?.length === 0) return [];
  let q = db
    .selectFrom("status_years")
    .select(["indicator_code", "region_code", "evaluation"])
    .where("year", "=", args.year)
    .where("indicator_code", "in", [...args.codes]);
  if (args.places) q = q.where("region_code", "in", [...args.places]);
  return q.execute();
}
