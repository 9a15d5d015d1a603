/**
 * The codes and thresholds of the data-quality findings, apart from the rules' schema so that
 * the browser's messages do not bundle zod (whose eval probe a strict CSP reports).
 */

/** Codes of the findings: `rule_<kind>` for the validation rules, `outlier` for the built-in. */
export const QUALITY_CODES = [
  "rule_min",
  "rule_max",
  "rule_change_max_pct",
  "rule_regions_sum_max_national",
  "outlier",
] as const;
export type QualityCode = (typeof QUALITY_CODES)[number];

/** Fewest earlier points of an indicator-place before a value can be an outlier. */
export const OUTLIER_MIN_POINTS = 5;
/** Standard deviations from the history's mean beyond which a value is an outlier. */
export const OUTLIER_SIGMAS = 3;
