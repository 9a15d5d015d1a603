/** Short sentences explaining a status to a reader, in en, ru or kk. */
import { CONFIDENTIAL_TEXT, NOTHING_WITHHELD, type Withheld } from "./confidential";
import { formatDate, formatNumber, formatShare, interpolate, type MessageParams } from "./i18n";
import type { Locale, TargetValue } from "./program";
import { PROGRESS_NOTE_TEXT } from "./progress-messages";
import { CURRENT_TEXT, LEVEL_TEXT, NOTE_TEXT, TRAJECTORY_TEXT } from "./status-messages";
import type { IndicatorStatus, StatusLevelName } from "./status-types";

export interface StatusExplanation {
  current: string;
  trajectory: string;
}

/**
 * Explains why a status has its current and trajectory levels, in the reader's language; a part
 * whose figures were withheld from the reader says only its level and that the figure is secret.
 */
export function explainStatus(
  status: IndicatorStatus,
  locale: Locale,
  withheld: Withheld = NOTHING_WITHHELD,
): StatusExplanation {
  const secret = (level: StatusLevelName) => {
    const word = formatLevel(level, locale);
    return `${word.charAt(0).toUpperCase()}${word.slice(1)}. ${CONFIDENTIAL_TEXT[locale].withheld}`;
  };
  return {
    current: withheld.current ? secret(status.current.level) : explainCurrent(status, locale),
    trajectory: withheld.trajectory
      ? secret(status.trajectory.level)
      : explainTrajectory(status, locale),
  };
}

/** The name of a level (current or trajectory) in the reader's language. */
export function formatLevel(level: StatusLevelName, locale: Locale): string {
  return LEVEL_TEXT[locale][level];
}

function explainCurrent(status: IndicatorStatus, locale: Locale): string {
  const { current, inputs } = status;
  const params: MessageParams = {
    year: current.year,
    actual: num(current.actual, locale),
    target: target(current.target, locale),
    baseline: num(current.baseline, locale),
    ratio: share(current.ratio, locale),
    green: share(inputs.thresholds.green, locale),
    amber: share(inputs.thresholds.amber, locale),
    dueDate: inputs.due ? formatDate(inputs.due.date, locale) : null,
  };
  const text = interpolate(CURRENT_TEXT[locale][current.reason], params, locale);
  if (!inputs.proRata || current.reason === "overdue") return text;
  const note = interpolate(
    NOTE_TEXT[locale].proRata,
    { share: share(inputs.proRata.share, locale) },
    locale,
  );
  return `${text} ${note}`;
}

function explainTrajectory(status: IndicatorStatus, locale: Locale): string {
  const { trajectory, inputs } = status;
  const latest = inputs.points[inputs.points.length - 1];
  const params: MessageParams = {
    latest: num(latest?.value ?? null, locale),
    latestYear: latest?.year,
    target: target(trajectory.target, locale),
    targetYear: inputs.finalTarget?.year,
    projected: num(trajectory.projected, locale),
    ratio: share(trajectory.ratio, locale),
    method: trajectory.method,
    ...progressParams(status, locale),
  };
  const text = interpolate(TRAJECTORY_TEXT[locale][trajectory.reason], params, locale);
  const notes = trajectoryNotes(status).map((n) => interpolate(n(locale), params, locale));
  return [text, ...notes].join(" ");
}

type Note = (locale: Locale) => string;

function trajectoryNotes(status: IndicatorStatus): Note[] {
  const { trajectory, inputs } = status;
  if (inputs.method.fallback && trajectory.projected !== null) {
    return [(l) => NOTE_TEXT[l].fallback];
  }
  // Stored evaluations from before the progress measure have no `progress` input.
  const progress = inputs.progress ?? null;
  if (!progress || trajectory.progress === null) return [];
  const notes: Note[] = [];
  if (progress.coefficient < 1) notes.push((l) => PROGRESS_NOTE_TEXT[l].limit);
  const zero = inputs.baseline.value === 0 || trajectory.target === 0;
  if (zero) notes.push((l) => PROGRESS_NOTE_TEXT[l].zero);
  return notes;
}

// The progress measure's figures: rates a year to one decimal, P and the score to two.
function progressParams(status: IndicatorStatus, locale: Locale): MessageParams {
  const { trajectory, inputs } = status;
  const progress = inputs.progress ?? null;
  if (!progress) return {};
  const rate = (v: number | null) => (v === null ? null : formatShare(Math.abs(v), locale, 1));
  // Growth is of sizes: below zero, a shrinking size is a rising value.
  const growth =
    progress.growth === null ? null : Math.sign(inputs.baseline.value || 1) * progress.growth;
  return {
    baseline: num(inputs.baseline.value, locale),
    baselineYear: inputs.baseline.year,
    growth: rate(progress.growth),
    change: growth === null ? null : growth > 0 ? "rise" : growth < 0 ? "fall" : "flat",
    required: rate(progress.required),
    wanted: progress.direction,
    substantial: rate(progress.cutoffs.substantial),
    moderate: rate(progress.cutoffs.moderate),
    coefficient: formatNumber(progress.coefficient, locale, 3),
    limit: num(progress.limit, locale),
    progress: num(trajectory.progress, locale),
    score: num(trajectory.score, locale),
    progressStatus: trajectory.progressStatus,
  };
}

function num(value: number | null, locale: Locale): string | null {
  return value === null ? null : formatNumber(value, locale);
}

function share(value: number | null, locale: Locale): string | null {
  return value === null ? null : formatShare(value, locale);
}

function target(value: TargetValue | null, locale: Locale): string | null {
  if (value === null) return null;
  if (Array.isArray(value))
    return `${formatNumber(value[0], locale)}–${formatNumber(value[1], locale)}`;
  return formatNumber(value, locale);
}
