import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, LocalizedJson } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;
type Texts = Partial<LocalizedJson>;

/** Which narrative: an indicator's year at one place (the nation's code for national). */
export interface NarrativeKey {
  indicator: string;
  region: string;
  year: number;
}

/** One version of a narrative. */
export interface NarrativeVersion extends NarrativeKey {
  version: number;
  explanation: Texts;
  measures: Texts | null;
  author: string;
  writtenAt: Date;
}

const COLUMNS = [
  "indicator_code",
  "region_code",
  "year",
  "version",
  "explanation",
  "measures",
  "author",
  "written_at",
] as const;

function toVersion(r: {
  indicator_code: string;
  region_code: string;
  year: number;
  version: number;
  explanation: Texts;
  measures: Texts | null;
  author: string;
  written_at: Date;
}): NarrativeVersion {
  return {
    indicator: r.indicator_code,
    region: r.region_code,
    year: r.year,
    version: r.version,
    explanation: r.explanation,
    measures: r.measures,
    author: r.author,
    writtenAt: r.written_at,
  };
}

/** Every version of one narrative, newest first. */
export async function listNarrativeVersions(
  db: Conn,
  key: NarrativeKey,
): Promise<NarrativeVersion[]> {
  const rows = await db
    .selectFrom("narratives")
    .select(COLUMNS)
    .where("indicator_code", "=", key.indicator)
    .where("region_code", "=", key.region)
    .where("year", "=", key.year)
    .orderBy("version", "desc")
    .execute();
  return rows.map(toVersion);
}

/**
 * Writes the next version of a narrative in the caller's transaction (serialised per key by an
 * advisory lock) and returns it with the version it replaced (0: none).
 */
export async function storeNarrative(
  trx: Transaction<Database>,
  key: NarrativeKey,
  texts: { explanation: Texts; measures: Texts | null; author: string },
): Promise<{ stored: NarrativeVersion; previous: number }> {
  const lockKey = `narrative:${key.indicator}:${key.region}:${key.year}`;
  await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
  const last = await trx
    .selectFrom("narratives")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("indicator_code", "=", key.indicator)
    .where("region_code", "=", key.region)
    .where("year", "=", key.year)
    .executeTakeFirst();
  const previous = Number(last?.version ?? 0);
  const row = await trx
    .insertInto("narratives")
    .values({
      indicator_code: key.indicator,
      region_code: key.region,
      year: key.year,
      version: previous + 1,
      explanation: JSON.stringify(texts.explanation),
      measures: texts.measures ? JSON.stringify(texts.measures) : null,
      author: texts.author,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { stored: toVersion(row), previous };
}

/** The current narratives of some indicators (optionally one place, up to a year). */
export async function listCurrentNarratives(
  db: Conn,
  filter: { indicators: readonly string[]; region?: string; maxYear?: number },
): Promise<NarrativeVersion[]> {
  if (filter.indicators.length === 0) return [];
  let q = db
    .selectFrom("narratives")
    .distinctOn(["indicator_code", "region_code", "year"])
    .select(COLUMNS)
    .where("indicator_code", "in", filter.indicators);
  if (filter.region) q = q.where("region_code", "=", filter.region);
  if (filter.maxYear !== undefined) q = q.where("year", "<=", filter.maxYear);
  const rows = await q
    .orderBy("indicator_code")
    .orderBy("region_code")
    .orderBy("year")
    .orderBy("version", "desc")
    .execute();
  return rows.map(toVersion);
}

/**
 * The read model's years at one of `levels` with no narrative: indicator, place, year, level
 * (of some indicators; optionally one year or one place).
 */
export async function listYearsMissingNarratives(
  db: Conn,
  filter: {
    indicators: readonly string[];
    levels: readonly string[];
    year?: number;
    region?: string;
  },
): Promise<{ indicator: string; region: string; year: number; level: string }[]> {
  if (filter.indicators.length === 0 || filter.levels.length === 0) return [];
  let q = db
    .selectFrom("status_years as s")
    .select(["s.indicator_code", "s.region_code", "s.year", "s.current_level"])
    .where("s.indicator_code", "in", filter.indicators)
    .where("s.current_level", "in", filter.levels)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("narratives as n")
            .select(sql`1`.as("one"))
            .whereRef("n.indicator_code", "=", "s.indicator_code")
            .whereRef("n.region_code", "=", "s.region_code")
            .whereRef("n.year", "=", "s.year"),
        ),
      ),
    );
  if (filter.year !== undefined) q = q.where("s.year", "=", filter.year);
  if (filter.region) q = q.where("s.region_code", "=", filter.region);
  const rows = await q
    .orderBy("s.indicator_code")
    .orderBy("s.region_code")
    .orderBy("s.year")
    .execute();
  return rows.map((r) => ({
    indicator: r.indicator_code,
    region: r.region_code,
    year: r.year,
    level: r.current_level,
  }));
}
