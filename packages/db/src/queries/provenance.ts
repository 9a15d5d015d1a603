import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

export interface FigureRevision {
  value: number;
  flag: string | null;
  note: string | null;
  source: string | null;
  author: string;
  createdAt: Date;
  uploadId: string | null;
  uploadKind: string | null;
  uploadFilename: string | null;
}

export interface FigureProvenance {
  region: string;
  period: string;
  year: number;
  value: number;
  flag: string | null;
  note: string | null;
  source: string | null;
  revisionCount: number;
  updatedAt: Date;
  /** Every revision of the figure, newest first, with the upload it came from. */
  revisions: FigureRevision[];
}

/**
 * The current figures of one indicator (one region, or all) with each figure's revision
 * history and the uploads behind it: two queries, whatever the number of figures.
 */
export async function listFigureProvenance(
  db: Conn,
  filter: { indicator: string; region?: string },
): Promise<FigureProvenance[]> {
  let figures = db
    .selectFrom("observations")
    .select([
      "region_code",
      "period",
      "year",
      "value",
      "flag",
      "note",
      "source",
      "revision_count",
      "updated_at",
    ])
    .where("indicator_code", "=", filter.indicator);
  let revisions = db
    .selectFrom("observation_revisions as r")
    .leftJoin("uploads as u", "u.id", "r.upload_id")
    .select([
      "r.region_code",
      "r.period",
      "r.value",
      "r.flag",
      "r.note",
      "r.source",
      "r.author",
      "r.created_at",
      "r.upload_id",
      "u.kind as upload_kind",
      "u.filename as upload_filename",
    ])
    .where("r.indicator_code", "=", filter.indicator);
  if (filter.region) {
    figures = figures.where("region_code", "=", filter.region);
    revisions = revisions.where("r.region_code", "=", filter.region);
  }
  const [rows, history] = await Promise.all([
    figures.orderBy("year").orderBy("period").orderBy("region_code").execute(),
    revisions.orderBy("r.upload_seq", "desc").orderBy("r.id", "desc").execute(),
  ]);
  const byFigure = new Map<string, FigureRevision[]>();
  for (const r of history) {
    const key = `${r.region_code}\u0000${r.period}`;
    const list = byFigure.get(key) ?? [];
    list.push({
      value: r.value,
      flag: r.flag,
      note: r.note,
      source: r.source,
      author: r.author,
      createdAt: r.created_at,
      uploadId: r.upload_id,
      uploadKind: r.upload_kind,
      uploadFilename: r.upload_filename,
    });
    byFigure.set(key, list);
  }
  return rows.map((o) => ({
    region: o.region_code,
    period: o.period,
    year: o.year,
    value: o.value,
    flag: o.flag,
    note: o.note,
    source: o.source,
    revisionCount: o.revision_count,
    updatedAt: o.updated_at,
    revisions: byFigure.get(`${o.region_code}\u0000${o.period}`) ?? [],
  }));
}
