/**
 * Status levels, reasons and the status shape of DESIGN.md ("Status shape"). Level arrays are
 * ordered from best to worst, so one `worstStatus()` serves every roll-up.
 */
import type { IsoDate } from "./dates";
import type {
  Aggregation,
  IndicatorDefinition,
  Polarity,
  ProgramDefinition,
  TargetValue,
  TrajectoryMethod,
  Unit,
} from "./program";
import type { ProgressCutoffs, ProgressStatus } from "./progress-measure";

/**
 * Current levels, best to worst. `none` (monitor) comes first so that it never wins a roll-up
 * unless every member is `none`; `grey` (no figures, none due) is worse than a confirmed green;
 * `overdue` (missing figures) is worse than amber, as it may hide a red.
 */
export const CURRENT_LEVELS = ["none", "green", "grey", "amber", "overdue", "red"] as const;
export type CurrentLevel = (typeof CURRENT_LEVELS)[number];

/** Trajectory levels, best to worst; `not_available` first so it is ignored by roll-ups. */
export const TRAJECTORY_LEVELS = [
  "not_available",
  "achieved",
  "on_track",
  "acceleration_needed",
  "off_track",
] as const;
export type TrajectoryLevel = (typeof TRAJECTORY_LEVELS)[number];

/** Which rule decided the current level. */
export const CURRENT_REASONS = [
  "overdue",
  "no_data",
  "no_target",
  "monitor",
  "target_met",
  "within_one_point",
  "progress_ratio",
  "target_equals_baseline",
  "range_inside",
  "range_near",
  "range_outside",
] as const;
export type CurrentReason = (typeof CURRENT_REASONS)[number];

/** Which rule decided the trajectory level. */
export const TRAJECTORY_REASONS = [
  "monitor",
  "no_target",
  "too_few_points",
  "already_achieved",
  "end_year_met",
  "end_year_missed",
  "projected_ratio",
  "projected_flat_target",
  "projected_range",
  // statcan: Open SDG's progress measure against the final target, or a monitor's trend.
  "progress_measure",
  "progress_sign_change",
  "progress_flat_target",
  "progress_range",
  "trend_measure",
] as const;
export type TrajectoryReason = (typeof TRAJECTORY_REASONS)[number];

/** The indicator fields the status rules read (an `IndicatorDefinition` fits). */
export type StatusIndicator = Pick<
  IndicatorDefinition,
  | "unit"
  | "polarity"
  | "aggregation"
  | "targets"
  | "thresholds"
  | "trajectory"
  | "trend"
  | "dueDays"
> & { baseline: { year: number; value: number } };

export type ProgramYears = Pick<ProgramDefinition["years"], "baseline" | "start" | "end">;

/** What the status of one indicator, for one region or the nation, is computed from. */
export interface StatusQuery {
  indicator: StatusIndicator;
  years: ProgramYears;
  /** Yearly values, sub-annual figures already aggregated; years outside start..end are ignored. */
  series: readonly { year: number; value: number }[];
  asOf: IsoDate;
}

export interface CurrentStatus {
  level: CurrentLevel;
  year: number | null;
  actual: number | null;
  /** The target compared with (pro-rated while a `sum` year runs); `[min, max]` for a range. */
  target: TargetValue | null;
  baseline: number | null;
  ratio: number | null;
  reason: CurrentReason;
}

export interface TrajectoryStatus {
  level: TrajectoryLevel;
  method: TrajectoryMethod;
  projected: number | null;
  target: TargetValue | null;
  ratio: number | null;
  reason: TrajectoryReason;
  /** Open SDG's five words (`statcan` and a monitor's trend); null for the other methods. */
  progressStatus: ProgressStatus | null;
  /** The progress measure's score in [−5, 5]; null when it is undefined or not used. */
  score: number | null;
  /** P, the progress measure; null when it is undefined or not used. */
  progress: number | null;
}

/** What the progress measure was computed from and against, to explain it. */
export interface ProgressInputs {
  direction: "increase" | "decrease";
  /** Observed compound growth a year (signed), and the size of the growth the target needs. */
  growth: number | null;
  required: number | null;
  /** The natural limit of a monitor's trend and the coefficient C it gave (1 without one). */
  limit: number | null;
  coefficient: number;
  cutoffs: ProgressCutoffs;
}

/** Everything a status was computed from, so the UI can explain it. */
export interface StatusInputs {
  asOf: IsoDate;
  unit: Unit;
  polarity: Polarity;
  aggregation: Aggregation;
  thresholds: { green: number; amber: number };
  trajectoryCutoffs: { onTrack: number; accelerationNeeded: number };
  baseline: { year: number; value: number };
  /** The latest programme year whose figures are due at the as-of date, and its due date. */
  due: { year: number; date: IsoDate } | null;
  /** Set while a `sum` year runs: the share of the year elapsed and the full-year values. */
  proRata: { share: number; target: TargetValue; baseline: number } | null;
  /** Trajectory points: the baseline and each programme year with a value. */
  points: { year: number; value: number }[];
  finalTarget: { year: number; value: TargetValue } | null;
  method: { configured: TrajectoryMethod; used: TrajectoryMethod; fallback: boolean };
  /** Set when the progress measure (`statcan`) judged the trajectory or a monitor's trend. */
  progress: ProgressInputs | null;
}

export interface IndicatorStatus {
  current: CurrentStatus;
  trajectory: TrajectoryStatus;
  inputs: StatusInputs;
}

/** Any level, current or trajectory. */
export type StatusLevelName = CurrentLevel | TrajectoryLevel;
