/**
 * The `statcan` trajectory: Open SDG's progress measure from the baseline to the latest value,
 * against the final target; for a monitor indicator with a `trend`, its no-target variant.
 */
import { measureProgress, type ProgressMeasure, type ProgressStatus } from "./progress-measure";
import { finalTargetOf } from "./rules";
import type { StatusContext } from "./status-context";
import type {
  StatusInputs,
  TrajectoryLevel,
  TrajectoryReason,
  TrajectoryStatus,
} from "./status-types";

type Point = { year: number; value: number };

/** Our trajectory level for each of the measure's words (DESIGN.md "Status rules"). */
export const PROGRESS_LEVEL = {
  target_achieved: "achieved",
  substantial_progress: "on_track",
  moderate_progress: "acceleration_needed",
  limited_progress: "acceleration_needed",
  deterioration: "off_track",
  not_available: "not_available",
} as const satisfies Record<ProgressStatus, TrajectoryLevel>;

const GAP_REASON = {
  too_few_points: "too_few_points",
  sign_change: "progress_sign_change",
  flat_target: "progress_flat_target",
} as const satisfies Record<NonNullable<ProgressMeasure["gap"]>, TrajectoryReason>;

export interface StatcanResult {
  status: TrajectoryStatus;
  finalTarget: StatusInputs["finalTarget"];
  progress: StatusInputs["progress"];
}

/**
 * Tells whether an indicator's trajectory (or a monitor's trend) uses the progress measure; a
 * monitor with `trajectory: statcan` and no `trend` gets the trend with its defaults.
 */
export function usesProgressMeasure(indicator: StatusContext["query"]["indicator"]): boolean {
  const monitorTrend = indicator.polarity === "monitor" && indicator.trend?.method === "statcan";
  return monitorTrend || indicator.trajectory === "statcan";
}

/** Judges the points by the progress measure (the indicator must use it). */
export function evaluateStatcan(ctx: StatusContext, points: readonly Point[]): StatcanResult {
  const { indicator } = ctx.query;
  const monitor = indicator.polarity === "monitor";
  const finalTarget = monitor ? null : finalTargetOf(indicator.targets);
  if (!monitor && finalTarget === null) return unavailable(null, "no_target");
  const value = finalTarget?.value ?? null;
  if (Array.isArray(value)) return unavailable(finalTarget, "progress_range");
  const target = finalTarget && value !== null ? { year: finalTarget.year, value } : null;
  const wanted = monitor ? indicator.trend?.direction : indicator.polarity;
  const d = wanted === "decrease" ? -1 : 1;
  const limit = monitor ? (indicator.trend?.limit ?? null) : null;
  const baseline = points[0] as Point;
  const latest = points[points.length - 1] as Point;
  const measure = measureProgress({ d, baseline, latest, target, limit });
  const status: TrajectoryStatus = {
    method: "statcan",
    projected: null,
    ratio: null,
    // A monitor's trend describes; it sets no level, so roll-ups and alerts pass it by.
    level: monitor ? "not_available" : PROGRESS_LEVEL[measure.status],
    target: value,
    reason: reasonOf(measure, monitor),
    progressStatus: measure.status,
    score: measure.score,
    progress: measure.progress,
  };
  const progress = {
    direction: d === 1 ? "increase" : "decrease",
    growth: measure.growth,
    required: measure.required,
    limit,
    coefficient: measure.coefficient,
    cutoffs: measure.cutoffs,
  } as const;
  return { status, finalTarget, progress };
}

function unavailable(
  finalTarget: StatusInputs["finalTarget"],
  reason: TrajectoryReason,
): StatcanResult {
  const status: TrajectoryStatus = {
    level: "not_available",
    method: "statcan",
    projected: null,
    target: finalTarget?.value ?? null,
    ratio: null,
    reason,
    progressStatus: "not_available",
    score: null,
    progress: null,
  };
  return { status, finalTarget, progress: null };
}

function reasonOf(measure: ProgressMeasure, monitor: boolean): TrajectoryReason {
  if (measure.status === "target_achieved") return "already_achieved";
  if (measure.gap) return GAP_REASON[measure.gap];
  return monitor ? "trend_measure" : "progress_measure";
}
