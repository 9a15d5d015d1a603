import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;
// 9 parameters per warning: far below Postgres' 65,535 bind parameters.
const CHUNK = 5000;

/** A stored figure as the quality checks read it. */
export interface StoredFigure {
  indicator: string;
  region: string;
  period: string;
  value: number;
}

/**
 * In one query, the current figures a chunk's checks need: every period of the given
 * indicator-places (their history and previous periods) and every place of the given
 * indicator-periods (the regions' sums and the national figure).
 */
export async function listQualityContext(
  db: Conn,
  need: {
    places: readonly { indicator: string; region: string }[];
    periods: readonly { indicator: string; period: string }[];
  },
): Promise<StoredFigure[]> {
  if (need.places.length === 0 && need.periods.length === 0) return [];
  const { rows } = await sql<StoredFigure>`
    select o.indicator_code as indicator, o.region_code as region, o.period, o.value
    from observations o
    join unnest(${need.places.map((p) => p.indicator)}::text[],
      ${need.places.map((p) => p.region)}::text[]) as k(indicator_code, region_code)
    on o.indicator_code = k.indicator_code and o.region_code = k.region_code
    union
    select o.indicator_code, o.region_code, o.period, o.value
    from observations o
    join unnest(${need.periods.map((p) => p.indicator)}::text[],
      ${need.periods.map((p) => p.period)}::text[]) as k(indicator_code, period)
    on o.indicator_code = k.indicator_code and o.period = k.period`.execute(db);
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

export interface UploadWarningInput extends StoredFigure {
  row: number;
  code: string;
  message: string;
  params: Record<string, unknown>;
}

/** Stores the warnings of an upload's rows. */
export async function addUploadWarnings(
  trx: Conn,
  uploadId: string,
  warnings: readonly UploadWarningInput[],
): Promise<void> {
  for (let i = 0; i < warnings.length; i += CHUNK) {
    await trx
      .insertInto("upload_warnings")
      .values(
        warnings.slice(i, i + CHUNK).map((w) => ({
          upload_id: uploadId,
          row_number: w.row,
          indicator_code: w.indicator,
          region_code: w.region,
          period: w.period,
          code: w.code,
          message: w.message,
          params: JSON.stringify(w.params),
        })),
      )
      .execute();
  }
}

/** The warnings of an upload in row order, with the flag each row was sent with. */
export async function listUploadWarnings(
  db: Conn,
  uploadId: string,
  page: { limit?: number; offset?: number } = {},
) {
  return db
    .selectFrom("upload_warnings as w")
    .leftJoin("upload_rows as r", (j) =>
      j.onRef("r.upload_id", "=", "w.upload_id").onRef("r.row_number", "=", "w.row_number"),
    )
    .select(["w.row_number as row", "w.code", "w.message", "w.params"])
    .select(sql<string | null>`coalesce(r.raw->>'flag', r.flag)`.as("flag"))
    .where("w.upload_id", "=", uploadId)
    .orderBy("w.row_number")
    .orderBy("w.id")
    .limit(page.limit ?? 1000)
    .offset(page.offset ?? 0)
    .execute();
}

/** A warning of the data-quality list, with its figure's current flag and follow-up mark. */
export interface QualityWarning {
  id: string;
  indicator: string;
  region: string;
  period: string;
  code: string;
  message: string;
  params: Record<string, unknown>;
  uploadId: string;
  createdAt: Date;
  /** The flag the row was sent with, and the figure's current one. */
  sentFlag: string | null;
  currentFlag: string | null;
  followUp: { comment: string | null; markedBy: string; markedAt: Date } | null;
}

/**
 * The warnings of a programme's figures (real uploads only, never a dry run's), newest upload
 * first, in row order;
 * `followUp` keeps only the figures marked (true) or not marked (false).
 */
export async function listQualityWarnings(
  db: Conn,
  filter: { program: string; followUp?: boolean; limit?: number; offset?: number },
): Promise<QualityWarning[]> {
  let q = db
    .selectFrom("upload_warnings as w")
    .innerJoin("indicators as i", "i.code", "w.indicator_code")
    .innerJoin("uploads as u", "u.id", "w.upload_id")
    .leftJoin("upload_rows as r", (j) =>
      j.onRef("r.upload_id", "=", "w.upload_id").onRef("r.row_number", "=", "w.row_number"),
    )
    .leftJoin("observations as o", (j) =>
      j
        .onRef("o.indicator_code", "=", "w.indicator_code")
        .onRef("o.region_code", "=", "w.region_code")
        .onRef("o.period", "=", "w.period"),
    )
    .leftJoin("figure_follow_ups as f", (j) =>
      j
        .onRef("f.indicator_code", "=", "w.indicator_code")
        .onRef("f.region_code", "=", "w.region_code")
        .onRef("f.period", "=", "w.period"),
    )
    .select([
      "w.id",
      "w.indicator_code as indicator",
      "w.region_code as region",
      "w.period",
      "w.code",
      "w.message",
      "w.params",
      "w.upload_id as uploadId",
      "w.created_at as createdAt",
      "o.flag as currentFlag",
      "f.comment",
      "f.marked_by",
      "f.marked_at",
    ])
    .select(sql<string | null>`coalesce(r.raw->>'flag', r.flag)`.as("sentFlag"))
    .where("i.program_code", "=", filter.program)
    .where("u.dry_run", "=", false)
    .orderBy("w.created_at", "desc")
    .orderBy("w.upload_id")
    .orderBy("w.row_number")
    .orderBy("w.id")
    .limit(filter.limit ?? 200)
    .offset(filter.offset ?? 0);
  if (filter.followUp === true) q = q.where("f.marked_by", "is not", null);
  if (filter.followUp === false) q = q.where("f.marked_by", "is", null);
  const rows = await q.execute();
  return rows.map(({ comment, marked_by, marked_at, ...r }) => ({
    ...r,
    followUp: marked_by && marked_at ? { comment, markedBy: marked_by, markedAt: marked_at } : null,
  }));
}

/** The figure a warning is about (of a real upload), or undefined. */
export async function findQualityWarning(
  db: Conn,
  id: string,
): Promise<{ indicator: string; region: string; period: string; program: string } | undefined> {
  return db
    .selectFrom("upload_warnings as w")
    .innerJoin("indicators as i", "i.code", "w.indicator_code")
    .innerJoin("uploads as u", "u.id", "w.upload_id")
    .select([
      "w.indicator_code as indicator",
      "w.region_code as region",
      "w.period",
      "i.program_code as program",
    ])
    .where("w.id", "=", id)
    .where("u.dry_run", "=", false)
    .executeTakeFirst();
}

export interface FigureKey {
  indicator: string;
  region: string;
  period: string;
}

export interface FollowUpMark {
  comment: string | null;
  markedBy: string;
  markedAt: Date;
}

/** Marks a figure for follow-up (a later mark replaces the earlier); returns the earlier. */
export async function markFollowUp(
  trx: Conn,
  key: FigureKey,
  mark: { comment: string | null; markedBy: string; markedAt: Date },
): Promise<FollowUpMark | null> {
  const before = await findFollowUp(trx, key, true);
  await trx
    .insertInto("figure_follow_ups")
    .values({
      indicator_code: key.indicator,
      region_code: key.region,
      period: key.period,
      comment: mark.comment,
      marked_by: mark.markedBy,
      marked_at: mark.markedAt,
    })
    .onConflict((c) =>
      c.columns(["indicator_code", "region_code", "period"]).doUpdateSet({
        comment: mark.comment,
        marked_by: mark.markedBy,
        marked_at: mark.markedAt,
      }),
    )
    .execute();
  return before;
}

/** Clears a figure's follow-up mark; returns the mark cleared, or null when there was none. */
export async function clearFollowUp(trx: Conn, key: FigureKey): Promise<FollowUpMark | null> {
  const before = await findFollowUp(trx, key, true);
  await trx
    .deleteFrom("figure_follow_ups")
    .where("indicator_code", "=", key.indicator)
    .where("region_code", "=", key.region)
    .where("period", "=", key.period)
    .execute();
  return before;
}

async function findFollowUp(db: Conn, key: FigureKey, lock: boolean): Promise<FollowUpMark | null> {
  let q = db
    .selectFrom("figure_follow_ups")
    .select(["comment", "marked_by as markedBy", "marked_at as markedAt"])
    .where("indicator_code", "=", key.indicator)
    .where("region_code", "=", key.region)
    .where("period", "=", key.period);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}
