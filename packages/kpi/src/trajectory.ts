/**
 * Trajectory status: will the final target be met? Points are the baseline and each programme
 * year with a value up to the as-of year; the trend through them is projected to the target year.
 */
import type { TargetValue, TrajectoryMethod, Unit } from "./program";
import { atLeast, directionOf, finalTargetOf, meetsTarget, rangePosition } from "./rules";
import type { StatusContext } from "./status-context";
import type {
  StatusInputs,
  TrajectoryLevel,
  TrajectoryReason,
  TrajectoryStatus,
} from "./status-types";
import { evaluateStatcan, usesProgressMeasure } from "./trajectory-statcan";

/** Projected progress-ratio cut-offs (UN SDG "anticipated progress" practice). */
export const TRAJECTORY_CUTOFFS = { onTrack: 0.95, accelerationNeeded: 0.1 } as const;

const RANGE_TRAJECTORY = {
  inside: "on_track",
  near: "acceleration_needed",
  outside: "off_track",
} as const satisfies Record<string, TrajectoryLevel>;

type Point = { year: number; value: number };
type Projection = { value: number; used: TrajectoryMethod; fallback: boolean };
type Verdict = { level: TrajectoryLevel; ratio: number | null; reason: TrajectoryReason };

export interface TrajectoryResult {
  status: TrajectoryStatus;
  points: Point[];
  finalTarget: StatusInputs["finalTarget"];
  method: StatusInputs["method"];
  progress: StatusInputs["progress"];
}

/**
 * Evaluates the trajectory of a status context. While a `sum` year runs, its partial total is
 * left out of the points: it is not comparable with whole years.
 */
export function evaluateTrajectory(ctx: StatusContext): TrajectoryResult {
  const { indicator, years } = ctx.query;
  const points = trajectoryPoints(ctx);
  if (usesProgressMeasure(indicator)) {
    const method = { configured: "statcan", used: "statcan", fallback: false } as const;
    return { ...evaluateStatcan(ctx, points), points, method };
  }
  const monitor = indicator.polarity === "monitor";
  const finalTarget = monitor ? null : finalTargetOf(indicator.targets);
  const configured = indicator.trajectory;
  const last = points[points.length - 1];
  const targetYear = finalTarget?.year ?? years.end;
  const projection =
    points.length >= 2 && last && last.year < targetYear
      ? project(points, targetYear, configured, indicator.unit)
      : null;
  const method = {
    configured,
    used: projection?.used ?? configured,
    fallback: projection?.fallback ?? false,
  };
  const { level, ratio, reason } = judge(ctx, points, finalTarget, projection);
  const status: TrajectoryStatus = {
    level,
    method: method.used,
    projected: projection?.value ?? null,
    target: finalTarget?.value ?? null,
    ratio,
    reason,
    progressStatus: null,
    score: null,
    progress: null,
  };
  return { status, points, finalTarget, method, progress: null };
}

function judge(
  ctx: StatusContext,
  points: Point[],
  finalTarget: { year: number; value: TargetValue } | null,
  projection: Projection | null,
): Verdict {
  const last = points[points.length - 1];
  if (ctx.query.indicator.polarity === "monitor") return notAvailable("monitor");
  if (!finalTarget) return notAvailable("no_target");
  if (!last || points.length < 2) return notAvailable("too_few_points");
  const met = meets(last.value, finalTarget.value, ctx);
  if (last.year >= finalTarget.year) {
    const ratio = ratioOf(last.value, finalTarget.value, ctx);
    const reason = met ? "end_year_met" : "end_year_missed";
    return { level: met ? "achieved" : "off_track", ratio, reason };
  }
  const projected = projection?.value ?? last.value;
  const ratio = ratioOf(projected, finalTarget.value, ctx);
  if (met) return { level: "achieved", ratio, reason: "already_achieved" };
  return judgeProjection(projected, finalTarget.value, ratio, ctx);
}

function judgeProjection(
  projected: number,
  target: TargetValue,
  ratio: number | null,
  ctx: StatusContext,
): Verdict {
  if (Array.isArray(target)) {
    const level = RANGE_TRAJECTORY[rangePosition(projected, target)];
    return { level, ratio: null, reason: "projected_range" };
  }
  if (ratio === null) {
    const level = meets(projected, target, ctx) ? "on_track" : "off_track";
    return { level, ratio: null, reason: "projected_flat_target" };
  }
  if (atLeast(ratio, TRAJECTORY_CUTOFFS.onTrack)) {
    return { level: "on_track", ratio, reason: "projected_ratio" };
  }
  if (atLeast(ratio, TRAJECTORY_CUTOFFS.accelerationNeeded)) {
    return { level: "acceleration_needed", ratio, reason: "projected_ratio" };
  }
  return { level: "off_track", ratio, reason: "projected_ratio" };
}

function notAvailable(reason: TrajectoryReason): Verdict {
  return { level: "not_available", ratio: null, reason };
}

function meets(value: number, target: TargetValue, ctx: StatusContext): boolean {
  if (Array.isArray(target)) return rangePosition(value, target) === "inside";
  return meetsTarget(value, target, directionOf(ctx.query.indicator.polarity) === -1 ? -1 : 1);
}

// (v − B)/(T_E − B), written 1 − d·(T_E − v)/|T_E − B| as for the current ratio; none when T_E = B.
function ratioOf(value: number, target: TargetValue, ctx: StatusContext): number | null {
  const baseline = ctx.query.indicator.baseline.value;
  if (Array.isArray(target) || target === baseline) return null;
  const d = directionOf(ctx.query.indicator.polarity) === -1 ? -1 : 1;
  return 1 - (d * (target - value)) / Math.abs(target - baseline);
}

function trajectoryPoints(ctx: StatusContext): Point[] {
  const { baseline } = ctx.query.indicator;
  const points: Point[] = [{ year: baseline.year, value: baseline.value }];
  for (const [year, value] of [...ctx.values].sort(([a], [b]) => a - b)) {
    if (year === ctx.asOfYear && ctx.runningShare !== null) continue;
    if (year > baseline.year) points.push({ year, value });
  }
  return points;
}

/** Projects points to a year by least squares or CAGR (linear when CAGR is undefined). */
export function project(
  points: readonly Point[],
  year: number,
  method: TrajectoryMethod,
  unit: Unit = "number",
): Projection {
  const first = points[0];
  const last = points[points.length - 1];
  if (method === "cagr" && first && last && last.year > first.year && cagrDefined(points)) {
    const growth = (last.value / first.value) ** (1 / (last.year - first.year)) - 1;
    const value = last.value * (1 + growth) ** (year - last.year);
    return { value: clamp(value, unit), used: "cagr", fallback: false };
  }
  const value = clamp(linearAt(points, year), unit);
  return { value, used: "linear", fallback: method === "cagr" };
}

// CAGR needs every value non-zero and of one sign (DESIGN.md: else the linear method is used).
function cagrDefined(points: readonly Point[]): boolean {
  const signs = new Set(points.map((p) => Math.sign(p.value)));
  return !signs.has(0) && signs.size === 1;
}

/** Evaluates the least-squares line through points at a year (the last value for one point). */
export function linearAt(points: readonly Point[], year: number): number {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - meanX) ** 2;
    sxy += (p.year - meanX) * (p.value - meanY);
  }
  return sxx === 0 ? meanY : meanY + (sxy / sxx) * (year - meanX);
}

// A projection stays within what the unit allows (a share cannot pass 100%, a count 0).
function clamp(value: number, unit: Unit): number {
  if (unit === "percent") return Math.min(100, Math.max(0, value));
  return unit === "count" ? Math.max(0, value) : value;
}
