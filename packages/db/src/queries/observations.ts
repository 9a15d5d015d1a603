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
  const revisions = await trx
    .insertInto("observation_revisions")
    .values(
      toWrite.map((o) => ({
        indicator_code: o.indicator,
        region_code: o.region,
        period: o.period,
        year: o.year,
        value: o.value,
        flag: o.flag ?? null,
        note: o.note ?? null,
        source: o.source ?? null,
        upload_id: meta.uploadId,
        upload_seq: meta.uploadSeq,
        upload_row: o.row ?? null,
        author: meta.author,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["indicator_code", "region_code", "period", "upload_seq"]).doNothing(),
    )
    .returning(["id", "indicator_code", "region_code", "period"])
    .execute();
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
  const query = db
    .selectFrom("observations")
    .selectAll()
    .where((eb) =>
      eb(
        eb.refTuple("indicator_code", "region_code", "period"),
        "in",
        inputs.map((o) => eb.tuple(o.indicator, o.region, o.period)),
      ),
    );
  const rows = await (lock ? query.forUpdate() : query).execute();
  return new Map(
    rows.map((r) => [
      keyOf({ indicator: r.indicator_code, region: r.region_code, period: r.period }),
      r,
    ]),
  );
}

async function upsertCurrent(
  trx: Transaction<Database>,
  rows: ObservationInput[],
  revisionIds: Map<string, string>,
  uploadSeq: string,
): Promise<void> {
  const values = rows.flatMap((o) => {
    const revisionId = revisionIds.get(keyOf(o));
    if (!revisionId) return []; // revision already stored by an earlier attempt of this upload
    return [
      {
        indicator_code: o.indicator,
        region_code: o.region,
        period: o.period,
        year: o.year,
        value: o.value,
        flag: o.flag ?? null,
        note: o.note ?? null,
        source: o.source ?? null,
        revision_id: revisionId,
        upload_seq: uploadSeq,
        updated_at: new Date(),
      },
    ];
  });
  if (values.length === 0) return;
  await trx
    .insertInto("observations")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["indicator_code", "region_code", "period"])
        .doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          flag: eb.ref("excluded.flag"),
          note: eb.ref("excluded.note"),
          source: eb.ref("excluded.source"),
          revision_id: eb.ref("excluded.revision_id"),
          upload_seq: eb.ref("excluded.upload_seq"),
          updated_at: eb.ref("excluded.updated_at"),
          revision_count: sql<number>`observations.revision_count + 1`,
        }))
        // The later-accepted upload wins, whatever order the workers run in.
        .where("observations.upload_seq", "<", (eb) => eb.ref("excluded.upload_seq")),
    )
    .execute();
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
