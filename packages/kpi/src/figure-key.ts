/** Which figure a row sets, so that two rows of one upload setting the same figure are found. */
import { canonicalPeriod } from "./periods";
import type { ProgramIndex } from "./program-index";
import type { RawRow } from "./validate-row";

const clean = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? "" : String(v).trim().toUpperCase();

/**
 * The key `INDICATOR|REGION|PERIOD` of the figure a row sets (region empty for the nation,
 * period canonical), or null when the row names no indicator or no valid period.
 */
export function figureKeyOf(raw: RawRow, index: ProgramIndex): string | null {
  const indicator = clean(raw.indicator);
  const period =
    raw.period === null || raw.period === undefined ? null : canonicalPeriod(raw.period);
  if (!indicator || !period) return null;
  let region = clean(raw.region);
  const entry = index.indicators.get(indicator);
  if (entry ? region === entry.program.nation : index.nations.has(region)) region = "";
  return `${indicator}|${region}|${period}`;
}
