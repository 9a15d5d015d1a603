import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Observation, RowOutcome } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

export interface ObservationInput {
  indicator: string;
  region: string;
  period: string;
  year: number;
  value: number;
  flag?: string | null;
  note?: string | null;
  source?: string | null;
  row?: number | null;
}

export interface RevisionMeta {
  uploadId: string | null;
  uploadSeq: string;
  author: string;
}

const keyOf = (o: { indicator: string; region: string; period: string }) =>
  `${o.indicator}\u0000${o.region}\u0000${o.period}`;
// 9 parameters per revision row: stay far below Postgres' 65,535 bind parameters.
const CHUNK = 5000;

/**
 * Writes observations as revisions inside the caller's transaction and returns each row's
 * outcome. An identical value is `unchanged` (no revision); a figure already set by a
 * later-accepted upload keeps its value (the row is stored as history, counted `unchanged`).
 */
export async function applyObservations(
  trx: Transaction<Database>,
  inputs: ObservationInput[],
  meta: RevisionMeta,
): Promise<RowOutcome[]> {
  const keys = new Set<string>();
  for (const o of inputs) {
    if (keys.has(keyOf(o))) throw new Error(`duplicate figure in one batch: ${keyOf(o)}`);
    keys.add(keyOf(o));
  }
  const outcomes: RowOutcome[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    outcomes.push(...(await applyChunk(trx, inputs.slice(i, i + CHUNK), meta)));
  }
  return outcomes;
}

async function applyChunk(
  trx: Transaction<Database>,
  inputs: ObservationInput[],
  meta: RevisionMeta,
): Promise<RowOutcome[]> {
  if (inputs.length === 0) return [];
  const current = await readCurrent(trx, inputs, true);
  const outcomes = inputs.map((o): RowOutcome => {
    const cur = current.get(keyOf(o));
    if (cur && BigInt(cur.upload_seq) > BigInt(meta.uploadSeq)) return "unchanged";
    return classify(cur, o);
  });
  const toWrite = inputs.filter((o, i) => outcomes[i] !== "unchanged" || isSuperseded(o));
  function isSuperseded(o: ObservationInput): boolean {
    const cur = current.get(keyOf(o));
    return !!cur && BigInt(cur.upload_seq) > BigInt(meta.uploadSeq) && cur.value !== o.value;
  }
  if (toWrite.length === 0) return outcomes;
  const revisions = await insertRevisions(trx, toWrite, meta);
  const revisionIds = new Map(
    revisions.map((r) => [
      keyOf({ indicator: r.indicator_code, region: r.region_code, period: r.period }),
      r.id,
    ]),
  );
  await upsertCurrent(trx, toWrite, revisionIds, meta.uploadSeq);
  return outcomes;
}

function classify(cur: Observation | undefined, o: ObservationInput): RowOutcome {
  if (!cur) return "inserted";
  const same = cur.value === o.value && (cur.flag ?? null) === (o.flag ?? null);
  return same ? "unchanged" : "updated";
}

/** What applying these rows now would do to each, without writing anything (dry runs). */
export async function previewObservations(
  db: Conn,
  inputs: ObservationInput[],
): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const chunk = inputs.slice(i, i + CHUNK);
    const current = await readCurrent(db, chunk, false);
    outcomes.push(...chunk.map((o) => classify(current.get(keyOf(o)), o)));
  }
  return outcomes;
}

async function readCurrent(
  db: Conn,
  inputs: ObservationInput[],
  lock: boolean,
): Promise<Map<string, Observation>> {
  if (inputs.length === 0) return new Map();
  // A join with unnested key arrays: one index probe per key, whatever the batch size.
  const query = sql<Observation>`select o.* from observations o
    join unnest(${inputs.map((o) => o.indicator)}::text[], ${inputs.map((o) => o.region)}::text[],
      ${inputs.map((o) => o.period)}::text[]) as k(indicator_code, region_code, period)
    on o.indicator_code = k.indicator_code and o.region_code = k.region_code and o.period = k.period
    ${lock ? sql`for update of o` : sql``}`;
  const { rows } = await query.execute(db);
  return new Map(
    rows.map((r) => [
      keyOf({ indicator: r.indicator_code, region: r.region_code, period: r.period }),
      r,
    ]),
  );
}

// Columns passed as one array each (unnest): a few bind parameters per statement, not one per
// cell, so planning stays cheap and the 65,535-parameter limit never comes near.
const column = <T>(rows: ObservationInput[], pick: (o: ObservationInput) => T) => rows.map(pick);

async function insertRevisions(
  trx: Transaction<Database>,
  rows: ObservationInput[],
  meta: RevisionMeta,
) {
  const { rows: inserted } = await sql<{
    id: string;
    indicator_code: string;
    region_code: string;
    period: string;
  }>`insert into observation_revisions (indicator_code, region_code, period, year, value, flag,
      note, source, upload_row, upload_id, upload_seq, author)
    select k.*, ${meta.uploadId}::uuid, ${meta.uploadSeq}::bigint, ${meta.author}::text
    from unnest(${column(rows, (o) => o.indicator)}::text[], ${column(rows, (o) => o.region)}::text[],
      ${column(rows, (o) => o.period)}::text[], ${column(rows, (o) => o.year)}::int[],
      ${column(rows, (o) => o.value)}::numeric[], ${column(rows, (o) => o.flag ?? null)}::text[],
      ${column(rows, (o) => o.note ?? null)}::text[], ${column(rows, (o) => o.source ?? null)}::text[],
      ${column(rows, (o) => o.row ?? null)}::int[]) as k
    on conflict (indicator_code, region_code, period, upload_seq) do nothing
    returning id, indicator_code, region_code, period`.execute(trx);
  return inserted;
}

async function upsertCurrent(
  trx: Transaction<Database>,
  rows: ObservationInput[],
  revisionIds: Map<string, string>,
  uploadSeq: string,
): Promise<void> {
  // A row without a new revision id was stored by an earlier attempt of this upload.
  const fresh = rows.filter((o) => revisionIds.has(keyOf(o)));
  if (fresh.length === 0) return;
  await sql`insert into observations (indicator_code, region_code, period, year, value, flag, note,
      source, revision_id, upload_seq, updated_at)
    select k.*, ${uploadSeq}::bigint, now()
    from unnest(${column(fresh, (o) => o.indicator)}::text[], ${column(fresh, (o) => o.region)}::text[],
      ${column(fresh, (o) => o.period)}::text[], ${column(fresh, (o) => o.year)}::int[],
      ${column(fresh, (o) => o.value)}::numeric[], ${column(fresh, (o) => o.flag ?? null)}::text[],
      ${column(fresh, (o) => o.note ?? null)}::text[], ${column(fresh, (o) => o.source ?? null)}::text[],
      ${column(fresh, (o) => revisionIds.get(keyOf(o)))}::bigint[]) as k
    on conflict (indicator_code, region_code, period) do update set
      value = excluded.value, flag = excluded.flag, note = excluded.note, source = excluded.source,
      revision_id = excluded.revision_id, upload_seq = excluded.upload_seq,
      updated_at = excluded.updated_at, revision_count = observations.revision_count + 1
    -- The later-accepted upload wins, whatever order the workers run in.
    where observations.upload_seq < excluded.upload_seq`.execute(trx);
}

/** Lists the current observations of one indicator (all regions and periods, or a filter). */
export async function listCurrentObservations(
  db: Conn,
  filter: { indicator: string; region?: string; fromYear?: number; toYear?: number },
): Promise<Observation[]> {
  let q = db.selectFrom("observations").selectAll().where("indicator_code", "=", filter.indicator);
  if (filter.region) q = q.where("region_code", "=", filter.region);
  if (filter.fromYear !== undefined) q = q.where("year", ">=", filter.fromYear);
  if (filter.toYear !== undefined) q = q.where("year", "<=", filter.toYear);
  return q.orderBy("period").orderBy("region_code").execute();
}

/** Lists current observations of many indicators at once, for overview pages. */
export async function listObservationsForIndicators(
  db: Conn,
  indicators: string[],
  region?: string,
): Promise<Observation[]> {
  if (indicators.length === 0) return [];
  let q = db.selectFrom("observations").selectAll().where("indicator_code", "in", indicators);
  if (region) q = q.where("region_code", "=", region);
  return q.orderBy("indicator_code").orderBy("period").execute();
}

/** The current figures of some indicators at some places and periods (the entry grid's cells). */
export async function listFiguresAt(
  db: Conn,
  filter: { indicators: string[]; regions: string[]; periods: string[] },
): Promise<Observation[]> {
  if (!filter.indicators.length || !filter.regions.length || !filter.periods.length) return [];
  return db
    .selectFrom("observations")
    .selectAll()
    .where("indicator_code", "in", filter.indicators)
    .where("region_code", "in", filter.regions)
    .where("period", "in", filter.periods)
    .execute();
}

/**
 * The figures of a year that are in, each with its first revision's time and upload kind (for
 * completeness: received, and when first).
 */
export async function listFirstReceipts(
  db: Conn,
  filter: { indicators: string[]; year: number },
): Promise<
  { indicator: string; region: string; period: string; firstAt: Date; kind: string | null }[]
> {
  if (filter.indicators.length === 0) return [];
  const rows = await db
    .selectFrom("observations as o")
    .innerJoin("observation_revisions as r", (j) =>
      j
        .onRef("r.indicator_code", "=", "o.indicator_code")
        .onRef("r.region_code", "=", "o.region_code")
        .onRef("r.period", "=", "o.period"),
    )
    .leftJoin("uploads as u", "u.id", "r.upload_id")
    .distinctOn(["o.indicator_code", "o.region_code", "o.period"])
    .select(["o.indicator_code", "o.region_code", "o.period", "r.created_at", "u.kind"])
    .where("o.indicator_code", "in", filter.indicators)
    .where("o.year", "=", filter.year)
    .orderBy("o.indicator_code")
    .orderBy("o.region_code")
    .orderBy("o.period")
    .orderBy("r.upload_seq")
    .execute();
  return rows.map((r) => ({
    indicator: r.indicator_code,
    region: r.region_code,
    period: r.period,
    firstAt: new Date(r.created_at),
    kind: r.kind,
  }));
}

/** Lists every revision of one figure, newest first, with the upload each came from. */
export async function listRevisions(
  db: Conn,
  figure: { indicator: string; region: string; period: string },
) {
  return db
    .selectFrom("observation_revisions")
    .selectAll()
    .where("indicator_code", "=", figure.indicator)
    .where("region_code", "=", figure.region)
    .where("period", "=", figure.period)
    .orderBy("upload_seq", "desc")
    .execute();
}
