import type { StoredFigure } from "@spm/kpi";
import type { Kysely, Transaction } from "kysely";
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
