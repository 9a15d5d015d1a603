/**
 * Row errors: what can be wrong with one uploaded figure. Codes are stable (stored with the
 * upload and returned by the API); messages come from `formatRowError`.
 */
import { PERIOD_ERROR_CODES } from "./periods";
import { QUALITY_CODES } from "./quality-codes";
import { VALUE_ERROR_CODES } from "./values";

export const ROW_ERROR_CODES = [
  "row_malformed",
  "duplicate_row",
  "deleted_in_source",
  "unmapped_combo",
  "cell_error",
  "formula_not_calculated",
  "indicator_missing",
  "unknown_indicator",
  "unknown_region",
  "region_not_allowed_for_national_indicator",
  "region_forbidden",
  "author_not_allowed",
  ...PERIOD_ERROR_CODES,
  "period_frequency_mismatch",
  "period_out_of_range",
  "period_locked",
  ...VALUE_ERROR_CODES,
  "flag_invalid",
  "text_too_long",
  // A validation rule of severity error (`rule_<kind>`); `outlier` is only ever a warning.
  ...QUALITY_CODES,
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** The field of a row an error is about (`row` for the row as a whole). */
export const ROW_FIELDS = [
  "row",
  "indicator",
  "period",
  "region",
  "value",
  "flag",
  "note",
  "source",
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

export type RowErrorParams = Readonly<Record<string, string | number>>;

export interface RowError {
  field: RowField;
  code: RowErrorCode;
  params: RowErrorParams;
}

/** Builds a row error. */
export function rowError(
  field: RowField,
  code: RowErrorCode,
  params: RowErrorParams = {},
): RowError {
  return { field, code, params };
}
