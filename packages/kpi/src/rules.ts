/**
 * The arithmetic shared by the current and trajectory rules. Comparisons allow a relative
 * rounding error of 1e-9, so that e.g. (93.8 − 92) / (94 − 92) counts as the 0.9 it means.
 */
import type { Polarity, TargetValue } from "./program";

const TOLERANCE = 1e-9;

/** Tells whether `x >= y`, allowing for floating-point rounding. */
export function atLeast(x: number, y: number): boolean {
  return x >= y - TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y));
}

/** The sign of improvement of a polarity: +1 for increase, −1 for decrease, 0 otherwise. */
export function directionOf(polarity: Polarity): 1 | -1 | 0 {
  if (polarity === "increase") return 1;
  return polarity === "decrease" ? -1 : 0;
}

/** Tells whether a value meets a single-number target in direction `d` (`d·(A−T) >= 0`). */
export function meetsTarget(value: number, target: number, d: 1 | -1): boolean {
  return atLeast(d * value, d * target);
}

/**
 * The progress ratio of DESIGN.md: `(A−B)/(T−B)`, written `1 − d·(T−A)/|T−B|` so that a target
 * set against the polarity still gives a ratio that grows as the value improves. When `T = B`:
 * `A/T` (increase) or `T/A` (decrease) for a positive target, the mirrored form for a negative
 * one, and null for a zero target or a non-finite result.
 */
export function progressRatio(
  actual: number,
  target: number,
  baseline: number,
  d: 1 | -1,
): number | null {
  if (target !== baseline) return 1 - (d * (target - actual)) / Math.abs(target - baseline);
  if (target === 0) return null;
  const straight = d === 1 ? target > 0 : target < 0;
  const ratio = straight ? actual / target : target / actual;
  return Number.isFinite(ratio) ? ratio : null;
}

/** Where a value lies against a `[min, max]` target: inside, within 10% of the width, or beyond. */
export function rangePosition(
  value: number,
  [min, max]: readonly [number, number],
): "inside" | "near" | "outside" {
  if (atLeast(value, min) && atLeast(max, value)) return "inside";
  const margin = 0.1 * (max - min);
  return atLeast(value, min - margin) && atLeast(max + margin, value) ? "near" : "outside";
}

/** The target of a year, or null when the indicator has none for it. */
export function targetOf(targets: Record<string, TargetValue>, year: number): TargetValue | null {
  return targets[String(year)] ?? null;
}

/** The target of the latest year that has one (normally the programme's end year). */
export function finalTargetOf(
  targets: Record<string, TargetValue>,
): { year: number; value: TargetValue } | null {
  let best: { year: number; value: TargetValue } | null = null;
  for (const [key, value] of Object.entries(targets)) {
    const year = Number(key);
    if (best === null || year > best.year) best = { year, value };
  }
  return best;
}

/** Multiplies a target by a share (pro rata); a null share leaves it as it is. */
export function scaleTarget(target: TargetValue, share: number | null): TargetValue {
  if (share === null) return target;
  return Array.isArray(target) ? [target[0] * share, target[1] * share] : target * share;
}
