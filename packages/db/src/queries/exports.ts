import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Observation } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/** One figure of a programme as an export writes it, with its target and its year's status. */
export type ExportFigureRow = Pick<
  Observation,
  "indicator_code" | "region_code" | "period" | "year" | "value" | "flag" | "note" | "source"
> & {
  unit: string;
  target: number | null;
  /** The year's current level in the read model (status_years), null before it is computed. */
  status: string | null;
};

/** Where the previous page ended: the primary key of its last figure. */
export type ExportCursor = Pick<ExportFigureRow, "indicator_code" | "region_code" | "period">;

/**
 * One page of a programme's current figures in key order (a keyset walk of the primary key, so
 * a page costs the same at the millionth figure as at the first); none after `maxYear`.
 */
export async function pageProgramFigures(
  db: Conn,
  args: {
    program: string;
    maxYear: number;
    region?: string;
    after: ExportCursor | null;
    limit: number;
  },
): Promise<ExportFigureRow[]> {
  let q = db
    .selectFrom("observations as o")
    .innerJoin("indicators as i", "i.code", "o.indicator_code")
    .leftJoin("targets as t", (j) =>
      j.onRef("t.indicator_code", "=", "o.indicator_code").onRef("t.year", "=", "o.year"),
    )
    .leftJoin("status_years as s", (j) =>
      j
        .onRef("s.indicator_code", "=", "o.indicator_code")
        .onRef("s.region_code", "=", "o.region_code")
        .onRef("s.year", "=", "o.year"),
    )
    .select([
      "o.indicator_code",
      "o.region_code",
      "o.period",
      "o.year",
      "o.value",
      "o.flag",
      "o.note",
      "o.source",
      "i.unit",
      "t.value as target",
      "s.current_level as status",
    ])
    .where("i.program_code", "=", args.program)
    .where("o.year", "<=", args.maxYear);
  if (args.region) q = q.where("o.region_code", "=", args.region);
  const after = args.after;
  if (after) {
    q = q.where(
      sql<boolean>`(o.indicator_code, o.region_code, o.period) > (${after.indicator_code}, ${after.region_code}, ${after.period})`,
    );
  }
  return q
    .orderBy("o.indicator_code")
    .orderBy("o.region_code")
    .orderBy("o.period")
    .limit(args.limit)
    .execute();
}

/**
 * One page of a programme's figures as they were known before an instant, in key order: for
 * each figure, of its revisions recorded before `knownBefore`, the one the later-accepted upload
 * wrote (the rule `observations` keeps). `status` is null: the read model holds today's only.
 */
export async function pageProgramFiguresKnownBefore(
  db: Conn,
  args: {
    program: string;
    maxYear: number;
    region?: string;
    after: ExportCursor | null;
    limit: number;
    knownBefore: Date;
  },
): Promise<ExportFigureRow[]> {
  const region = args.region ? sql`and r.region_code = ${args.region}` : sql``;
  const after = args.after
    ? sql`and (r.indicator_code, r.region_code, r.period) >
        (${args.after.indicator_code}, ${args.after.region_code}, ${args.after.period})`
    : sql``;
  const { rows } = await sql<ExportFigureRow>`select distinct on
      (r.indicator_code, r.region_code, r.period)
      r.indicator_code, r.region_code, r.period, r.year, r.value, r.flag, r.note, r.source,
      i.unit, t.value as target, null as status
    from observation_revisions r
    join indicators i on i.code = r.indicator_code
    left join targets t on t.indicator_code = r.indicator_code and t.year = r.year
    where i.program_code = ${args.program} and r.year <= ${args.maxYear}
      and r.created_at < ${args.knownBefore} ${region} ${after}
    order by r.indicator_code, r.region_code, r.period, r.upload_seq desc
    limit ${args.limit}`.execute(db);
  return rows;
}

/** The read model's year levels of a programme up to `maxYear` (indicators × places × years). */
export async function listProgramYearLevels(
  db: Conn,
  args: { program: string; maxYear: number; region?: string },
): Promise<
  {
    indicator_code: string;
    region_code: string;
    year: number;
    current_level: string;
    trajectory_level: string;
  }[]
> {
  let q = db
    .selectFrom("status_years as s")
    .innerJoin("indicators as i", "i.code", "s.indicator_code")
    .select([
      "s.indicator_code",
      "s.region_code",
      "s.year",
      "s.current_level",
      "s.trajectory_level",
    ])
    .where("i.program_code", "=", args.program)
    .where("s.year", "<=", args.maxYear);
  if (args.region) q = q.where("s.region_code", "=", args.region);
  return q.orderBy("s.indicator_code").orderBy("s.region_code").orderBy("s.year").execute();
}
