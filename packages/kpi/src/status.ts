/**
 * Current status of an indicator for a region or the nation as of a date (DESIGN.md "Status
 * rules"), and the full status: current, trajectory and the inputs behind both.
 */
import {
  atLeast,
  directionOf,
  meetsTarget,
  progressRatio,
  rangePosition,
  scaleTarget,
  targetOf,
} from "./rules";
import { buildStatusContext, type StatusContext } from "./status-context";
import type {
  CurrentLevel,
  CurrentReason,
  CurrentStatus,
  IndicatorStatus,
  StatusInputs,
  StatusQuery,
} from "./status-types";
import { evaluateTrajectory, TRAJECTORY_CUTOFFS } from "./trajectory";

type Judgement = { level: CurrentLevel; ratio: number | null; reason: CurrentReason };
type CurrentResult = { status: CurrentStatus; proRata: StatusInputs["proRata"] };

/** Computes the current and trajectory status of one indicator as of a date, with their inputs. */
export function computeStatus(query: StatusQuery): IndicatorStatus {
  const ctx = buildStatusContext(query);
  const current = evaluateCurrent(ctx);
  const trajectory = evaluateTrajectory(ctx);
  const { indicator } = ctx.query;
  const inputs: StatusInputs = {
    asOf: ctx.query.asOf,
    unit: indicator.unit,
    polarity: indicator.polarity,
    aggregation: indicator.aggregation,
    thresholds: { green: indicator.thresholds.green, amber: indicator.thresholds.amber },
    trajectoryCutoffs: { ...TRAJECTORY_CUTOFFS },
    baseline: { year: indicator.baseline.year, value: indicator.baseline.value },
    due: ctx.due,
    proRata: current.proRata,
    points: trajectory.points,
    finalTarget: trajectory.finalTarget,
    method: trajectory.method,
    progress: trajectory.progress,
  };
  return { current: current.status, trajectory: trajectory.status, inputs };
}

/** Computes the current status (traffic light) of one indicator as of a date. */
export function computeCurrentStatus(query: StatusQuery): CurrentStatus {
  return evaluateCurrent(buildStatusContext(query)).status;
}

function evaluateCurrent(ctx: StatusContext): CurrentResult {
  const { indicator } = ctx.query;
  const baseline = indicator.baseline.value;
  const year = ctx.latestYear;
  const actual = year === null ? null : (ctx.values.get(year) ?? null);
  const plain = (level: CurrentLevel, reason: CurrentReason): CurrentResult => ({
    status: { level, year, actual, target: null, baseline, ratio: null, reason },
    proRata: null,
  });
  if (ctx.due && (year === null || year < ctx.due.year)) {
    const target = targetOf(indicator.targets, ctx.due.year);
    const status = {
      level: "overdue",
      year: ctx.due.year,
      actual: null,
      target,
      baseline,
    } as const;
    return { status: { ...status, ratio: null, reason: "overdue" }, proRata: null };
  }
  if (indicator.polarity === "monitor") return plain("none", "monitor");
  if (year === null || actual === null) return plain("grey", "no_data");
  const fullTarget = targetOf(indicator.targets, year);
  if (fullTarget === null) return plain("grey", "no_target");
  const share = year === ctx.asOfYear ? ctx.runningShare : null;
  const target = scaleTarget(fullTarget, share);
  const base = share === null ? baseline : baseline * share;
  const { level, ratio, reason } = Array.isArray(target)
    ? judgeRange(actual, target)
    : judgeProgress(actual, target, base, ctx);
  const proRata = share === null ? null : { share, target: fullTarget, baseline };
  return { status: { level, year, actual, target, baseline: base, ratio, reason }, proRata };
}

function judgeRange(actual: number, target: readonly [number, number]): Judgement {
  const position = rangePosition(actual, target);
  if (position === "inside") return { level: "green", ratio: null, reason: "range_inside" };
  if (position === "near") return { level: "amber", ratio: null, reason: "range_near" };
  return { level: "red", ratio: null, reason: "range_outside" };
}

function judgeProgress(A: number, T: number, B: number, ctx: StatusContext): Judgement {
  const { unit, polarity, thresholds } = ctx.query.indicator;
  const d = directionOf(polarity) === -1 ? -1 : 1;
  const ratio = progressRatio(A, T, B, d);
  if (meetsTarget(A, T, d)) return { level: "green", ratio, reason: "target_met" };
  // Percentages aiming at 0 or 100 cannot be beaten, so being within one point counts as met.
  if (unit === "percent" && (T === 0 || T === 100) && atLeast(1, Math.abs(A - T))) {
    return { level: "green", ratio, reason: "within_one_point" };
  }
  const reason = T === B ? "target_equals_baseline" : "progress_ratio";
  if (ratio !== null && atLeast(ratio, thresholds.green)) return { level: "green", ratio, reason };
  if (ratio !== null && atLeast(ratio, thresholds.amber)) return { level: "amber", ratio, reason };
  return { level: "red", ratio, reason };
}
