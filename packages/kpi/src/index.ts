export * from "./agencies";
export * from "./aggregate";
export * from "./alert-instances";
export * from "./alert-rules";
export * from "./alert-state";
export * from "./approvals";
export * from "./chart-bands";
export * from "./completeness";
export * from "./confidential";
export * from "./dates";
export * from "./demo";
export * from "./dhis2-mapping";
export * from "./entry";
export * from "./errors";
export * from "./evaluate";
export * from "./explain";
export * from "./figure-key";
export * from "./indicator-edit";
export { DEFAULT_LOCALE, resolveLocale } from "./locales";
export * from "./narratives";
export * from "./password-messages";
export * from "./periods";
export * from "./program";
export * from "./program-index";
export {
  compoundGrowth,
  limitCoefficient,
  measureProgress,
  PROGRESS_CUTOFFS,
  PROGRESS_STATUSES,
  type ProgressStatus,
  requiredGrowth,
  TREND_CUTOFFS,
} from "./progress-measure";
export * from "./quality-codes";
export * from "./quality-messages";
export * from "./reminders";
export * from "./rollup";
export * from "./row-error-messages";
export * from "./rules";
export * from "./status";
export * from "./status-types";
export { linearAt, project, TRAJECTORY_CUTOFFS } from "./trajectory";
export * from "./validate-row";
export * from "./validation-rules";
export * from "./values";
export * from "./view-dates";
