/**
 * Open SDG's progress measure (Statistics Canada's method, sdg-build `ProgressMeasure`; DESIGN.md
 * "Status rules", `statcan`): observed compound growth against the growth the target needs, or,
 * without a target, against fixed yearly rates; five words and a score in [−5, 5].
 */

/** The five words of the measure, and `not_available` when it is undefined. */
export const PROGRESS_STATUSES = [
  "target_achieved",
  "substantial_progress",
  "moderate_progress",
  "limited_progress",
  "deterioration",
  "not_available",
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface ProgressCutoffs {
  substantial: number;
  moderate: number;
  limited: number;
}

/** Cut-offs of P against a target (ratio of growth rates). */
export const PROGRESS_CUTOFFS = { substantial: 0.95, moderate: 0.6, limited: 0 } as const;
/** Cut-offs of P without a target (yearly growth), before the natural-limit scaling. */
export const TREND_CUTOFFS = { substantial: 0.015, moderate: 0.005, limited: 0 } as const;

// The method's stand-in for a baseline or target of exactly 0 (growth from 0 is undefined).
const ZERO_STAND_IN = 0.001;
// The exponent of the natural-limit coefficient, as Statistics Canada calibrated it.
const LIMIT_EXPONENT = 4.44;

type Point = { year: number; value: number };

export interface ProgressQuery {
  /** +1 when an increase is desired, −1 when a decrease is. */
  d: 1 | -1;
  baseline: Point;
  /** The latest value; the baseline itself when there is no later one. */
  latest: Point;
  /** The final target; null for the no-target variant (a monitor indicator's trend). */
  target: Point | null;
  /** A natural limit (no-target variant only), scaling the cut-offs near it. */
  limit?: number | null;
}

/** Why P is undefined. */
export type ProgressGap = "too_few_points" | "sign_change" | "flat_target";

export interface ProgressMeasure {
  status: ProgressStatus;
  score: number | null;
  /** P: the growth ratio (with a target) or the signed yearly growth (without); null if undefined. */
  progress: number | null;
  /** Observed compound growth a year, baseline to latest (signed); null when undefined. */
  growth: number | null;
  /** The size of the compound growth a year the target needs; null without a target. */
  required: number | null;
  /** The natural-limit coefficient C the no-target cut-offs were multiplied by (1 without one). */
  coefficient: number;
  cutoffs: ProgressCutoffs;
  gap: ProgressGap | null;
}

/** Compound annual growth rate from `v0` (year `t0`) to `v1` (year `t1`): `(v1/v0)^(1/(t1−t0)) − 1`. */
export function compoundGrowth(v1: number, v0: number, t1: number, t0: number): number {
  return (v1 / v0) ** (1 / (t1 - t0)) - 1;
}

/**
 * The size `|CAGR|` of the growth a target needs. A target of the other sign than the baseline
 * has a negative ratio: sdg-build (Python) then takes the principal complex root, whose distance
 * from 1 is `sqrt(r² − 2r·cos(π/n) + 1)` with `r = |ratio|^(1/n)`; the same is done here.
 */
export function requiredGrowth(target: number, base: number, tT: number, t0: number): number {
  const ratio = target / base;
  if (ratio >= 0) return Math.abs(compoundGrowth(target, base, tT, t0));
  const n = tT - t0;
  const r = Math.abs(ratio) ** (1 / n);
  return Math.sqrt(r * r - 2 * r * Math.cos(Math.PI / n) + 1);
}

/** The natural-limit coefficient C for a baseline `b` and a limit `L` (both taken as sizes). */
export function limitCoefficient(baseline: number, limit: number): number {
  const b = Math.abs(baseline);
  const L = Math.abs(limit);
  // Checked first, so that a baseline and limit of 0 give 1.
  if (b >= 2 * L) return 1;
  if (b <= L) return 1 - (b / L) ** LIMIT_EXPONENT;
  return 1 - ((2 * L - b) / L) ** LIMIT_EXPONENT;
}

/** Evaluates the progress measure of a series against a target, or without one (a trend). */
export function measureProgress(q: ProgressQuery): ProgressMeasure {
  const coefficient =
    q.target === null && q.limit != null ? limitCoefficient(q.baseline.value, q.limit) : 1;
  const base = q.target === null ? TREND_CUTOFFS : PROGRESS_CUTOFFS;
  const cutoffs = {
    substantial: base.substantial * coefficient,
    moderate: base.moderate * coefficient,
    limited: base.limited * coefficient,
  };
  const target = q.target && { ...q.target, value: standIn(q.target.value) };
  // The achieved test reads the latest value and the target as given, before any stand-in.
  const achieved = q.target !== null && q.d * (q.latest.value - q.target.value) >= 0;
  const { progress, growth, required, gap } = progressOf(q, target);
  const status: ProgressStatus = achieved ? "target_achieved" : statusOf(progress, cutoffs);
  const score = achieved ? 5 : scoreOf(progress, q.target === null, cutoffs, coefficient);
  return { status, score, progress, growth, required, coefficient, cutoffs, gap };
}

type Growths = Pick<ProgressMeasure, "progress" | "growth" | "required" | "gap">;

function progressOf(q: ProgressQuery, target: Point | null): Growths {
  const none = (gap: ProgressGap): Growths => ({
    progress: null,
    growth: null,
    required: null,
    gap,
  });
  // The sign is taken from the baseline as given: a baseline of 0 counts as positive.
  const sign = q.baseline.value < 0 ? -1 : 1;
  const y0 = standIn(q.baseline.value);
  const yt = q.latest.value;
  if ((y0 > 0 && yt < 0) || (y0 < 0 && yt > 0)) return none("sign_change");
  if (q.latest.year <= q.baseline.year) return none("too_few_points");
  const growth = compoundGrowth(yt, y0, q.latest.year, q.baseline.year);
  if (target === null) return { progress: sign * q.d * growth, growth, required: null, gap: null };
  if (target.value === y0) return { ...none("flat_target"), growth };
  const required = requiredGrowth(target.value, y0, target.year, q.baseline.year);
  // A ratio that rounds to 1 needs no growth at all: as flat as a target equal to the baseline.
  if (!(required > 0) || !Number.isFinite(required)) return { ...none("flat_target"), growth };
  return { progress: (sign * q.d * growth) / required, growth, required, gap: null };
}

function standIn(value: number): number {
  return value === 0 ? ZERO_STAND_IN : value;
}

// Plain comparisons, as sdg-build makes them, so that published results are reproduced exactly.
function statusOf(progress: number | null, c: ProgressCutoffs): ProgressStatus {
  if (progress === null) return "not_available";
  if (progress >= c.substantial) return "substantial_progress";
  if (progress >= c.moderate) return "moderate_progress";
  if (progress >= c.limited) return "limited_progress";
  return "deterioration";
}

function scoreOf(
  progress: number | null,
  trend: boolean,
  cutoffs: ProgressCutoffs,
  coefficient: number,
): number | null {
  if (progress === null) return null;
  return trend ? trendScore(progress, cutoffs, coefficient) : targetScore(progress);
}

/** The score of P against a target: two straight lines meeting at P = 0.6, capped at ±5. */
export function targetScore(progress: number): number {
  if (progress >= PROGRESS_CUTOFFS.moderate) return Math.min(7.1429 * progress - 4.2857, 5);
  return Math.max(4.1667 * progress - 2.5, -5);
}

/**
 * The score of P without a target (sdg-build's method 1): piecewise straight lines through −2.5,
 * 0 and 2.5 at the limited, moderate and substantial cut-offs, capped at ±5; P is divided by C
 * so that the scaled cut-offs score as the unscaled ones do, and C = 0 (a baseline on its
 * limit) scores any P >= 0 as 5.
 */
export function trendScore(progress: number, c: ProgressCutoffs, coefficient: number): number {
  if (progress < c.limited) return Math.max(125 * progress - 2.5, -5);
  if (coefficient === 0) return 5;
  const p = progress / coefficient;
  if (progress >= c.substantial) return Math.min(500 * p - 5, 5);
  if (progress >= c.moderate) return 250 * p - 1.25;
  return 500 * p - 2.5;
}
