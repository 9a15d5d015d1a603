import type { StoredFigure } from "@spm/kpi";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/**
 * A stamp of the stored figures that moves with every committed change to them. Every write of
 * figures applies a chunk of an upload (whose progress grows in the same transaction), adds or
 * removes an upload (programme history, demo data), or adds revisions (the newest id grows).
 */
export async function figuresStamp(db: Conn): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`select concat_ws('|',
    (select count(*) from uploads), (select sum(progress_done) from uploads),
    (select max(id) from observation_revisions)) as stamp`.execute(db);
  return rows[0]?.stamp ?? "";
}

/**
 * The current figures of some indicators (of one region, or all), only the columns evaluation
 * reads, by period and region: a fixed order, as national sums add regions in it.
 */
export async function listStoredFigures(
  db: Conn,
  args: { indicators: string[]; region?: string },
): Promise<Map<string, StoredFigure[]>> {
  const byIndicator = new Map<string, StoredFigure[]>();
  if (args.indicators.length === 0) return byIndicator;
  let q = db
    .selectFrom("observations")
    .select(["indicator_code", "region_code", "period", "value", "flag"])
    .where("indicator_code", "in", args.indicators);
  if (args.region) q = q.where("region_code", "=", args.region);
  const rows = await q.orderBy("indicator_code").orderBy("period").orderBy("region_code").execute();
  for (const o of rows) {
    const list = byIndicator.get(o.indicator_code) ?? [];
    list.push({ period: o.period, region: o.region_code, value: o.value, flag: o.flag });
    byIndicator.set(o.indicator_code, list);
  }
  return byIndicator;
}

// Evaluations of the same figures, definitions and as-of date are the same: keep them per
// database handle until the figures stamp or the definitions move (a bounded number of views).
const MAX_ENTRIES = 256;
interface Memo {
  stamp: string;
  definitions: object;
  entries: Map<string, Promise<unknown>>;
}
const memos = new WeakMap<object, Memo>();

/**
 * Computes a value derived from the stored figures and the given definitions once per key, and
 * again only after the figures or definitions change. Inside a transaction it always computes.
 * Callers share the result: they must not mutate it.
 */
export async function memoizeByFigures<T>(
  db: Conn,
  args: { key: string; definitions: object },
  compute: () => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return compute();
  // The stamp is read before the figures, so an entry is never older than its stamp.
  const stamp = await figuresStamp(db);
  let memo = memos.get(db);
  if (!memo || memo.stamp !== stamp || memo.definitions !== args.definitions) {
    memo = { stamp, definitions: args.definitions, entries: new Map() };
    memos.set(db, memo);
  }
  const found = memo.entries.get(args.key);
  if (found) return found as Promise<T>;
  const pending = compute();
  const entries = memo.entries;
  entries.set(args.key, pending);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  pending.catch(() => entries.delete(args.key));
  return pending;
}
