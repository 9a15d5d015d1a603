import type { StoredFigure } from "@spm/kpi";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

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

/**
 * The figures of some indicators (of one region, or all) as they were known before an instant:
 * for each figure, of its revisions recorded before `knownBefore`, the one the later-accepted
 * upload wrote (the rule `observations` keeps); ordered as `listStoredFigures`.
 */
export async function listFiguresKnownBefore(
  db: Conn,
  args: { indicators: string[]; region?: string; knownBefore: Date },
): Promise<Map<string, StoredFigure[]>> {
  const byIndicator = new Map<string, StoredFigure[]>();
  if (args.indicators.length === 0) return byIndicator;
  const region = args.region ? sql`and region_code = ${args.region}` : sql``;
  const { rows } = await sql<{
    indicator_code: string;
    region_code: string;
    period: string;
    value: number;
    flag: string | null;
  }>`select * from (
      select distinct on (indicator_code, region_code, period)
        indicator_code, region_code, period, value, flag
      from observation_revisions
      where indicator_code = any(${args.indicators}::text[]) ${region}
        and created_at < ${args.knownBefore}
      -- All descending: one backward walk of the unique index, no sort of every revision.
      order by indicator_code desc, region_code desc, period desc, upload_seq desc
    ) known order by indicator_code, period, region_code`.execute(db);
  for (const o of rows) {
    const list = byIndicator.get(o.indicator_code) ?? [];
    list.push({ period: o.period, region: o.region_code, value: Number(o.value), flag: o.flag });
    byIndicator.set(o.indicator_code, list);
  }
  return byIndicator;
}
