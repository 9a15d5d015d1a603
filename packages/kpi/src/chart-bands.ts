/**
 * Chart helpers for an indicator page: the tolerance band around each yearly target (the
 * values that the current-status rules still call green) and the projected path to the end
 * year. Pure inversions of the rules in `rules.ts`, so the chart and the status never disagree.
 */
import type { Polarity, TargetValue } from "./program";
import { directionOf } from "./rules";

export interface ToleranceBand {
  year: number;
  /** The values, at or beyond `low..high`, that are green; `low <= high`. */
  low: number;
  high: number;
  /** The edge where amber turns red (progress ratio = thresholds.amber; range: 10% outside). */
  amberLow: number;
  amberHigh: number;
}

/**
 * The value `A` whose progress ratio against target `T` and baseline `B` is `r` (the inverse of
 * `progressRatio`), or null when no value has that ratio (a zero target equal to the baseline).
 */
export function valueAtRatio(
  r: number,
  target: number,
  baseline: number,
  d: 1 | -1,
): number | null {
  if (target !== baseline) return target - d * (1 - r) * Math.abs(target - baseline);
  if (target === 0) return null;
  // When T = B the ratio is A/T (increase, positive T) or T/A (decrease), mirrored for T < 0.
  const straight = d === 1 ? target > 0 : target < 0;
  if (straight) return r * target;
  return r === 0 ? null : target / r;
}

/**
 * The tolerance band of each year that has a target: for `increase`/`decrease`, from the value
 * at progress ratio `thresholds.green` to the target (values beyond the target are green too);
 * for a range, the range itself with the amber margin of 10% of its width. `monitor` has none.
 */
export function toleranceBands(args: {
  polarity: Polarity;
  baseline: number;
  targets: Record<string, TargetValue>;
  thresholds: { green: number; amber: number };
}): ToleranceBand[] {
  const { polarity, baseline, thresholds } = args;
  const bands: ToleranceBand[] = [];
  const years = Object.keys(args.targets)
    .map(Number)
    .sort((a, b) => a - b);
  for (const year of years) {
    const target = args.targets[String(year)];
    if (target === undefined) continue;
    if (Array.isArray(target)) {
      const margin = 0.1 * (target[1] - target[0]);
      bands.push({
        year,
        low: target[0],
        high: target[1],
        amberLow: target[0] - margin,
        amberHigh: target[1] + margin,
      });
      continue;
    }
    const d = directionOf(polarity);
    if (d === 0) continue;
    const green = valueAtRatio(thresholds.green, target, baseline, d);
    const amber = valueAtRatio(thresholds.amber, target, baseline, d);
    if (green === null || amber === null) continue;
    bands.push({
      year,
      low: Math.min(green, target),
      high: Math.max(green, target),
      amberLow: Math.min(amber, target),
      amberHigh: Math.max(amber, target),
    });
  }
  return bands;
}

/**
 * The projected path drawn dashed: from the latest trajectory point to the projected value at
 * the end year, or empty when nothing is projected (or the latest point is the end year).
 */
export function projectedPath(
  points: readonly { year: number; value: number }[],
  projection: { year: number; value: number | null } | null,
): { year: number; value: number }[] {
  const last = points.at(-1);
  if (!last || !projection || projection.value === null || projection.year <= last.year) return [];
  return [last, { year: projection.year, value: projection.value }];
}
