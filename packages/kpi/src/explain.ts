/** Short sentences explaining a status to a reader, in en, ru or kk. */
import { formatDate, formatNumber, formatShare, interpolate, type MessageParams } from "./i18n";
import type { Locale, TargetValue } from "./program";
import { CURRENT_TEXT, LEVEL_TEXT, NOTE_TEXT, TRAJECTORY_TEXT } from "./status-messages";
import type { IndicatorStatus, StatusLevelName } from "./status-types";

export interface StatusExplanation {
  current: string;
  trajectory: string;
}

/** Explains why a status has its current and trajectory levels, in the reader's language. */
export function explainStatus(status: IndicatorStatus, locale: Locale): StatusExplanation {
  return { current: explainCurrent(status, locale), trajectory: explainTrajectory(status, locale) };
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
  };
  const text = interpolate(TRAJECTORY_TEXT[locale][trajectory.reason], params, locale);
  if (!inputs.method.fallback || trajectory.projected === null) return text;
  return `${text} ${NOTE_TEXT[locale].fallback}`;
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
