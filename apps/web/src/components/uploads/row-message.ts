import {
  formatRowError,
  type Locale,
  ROW_ERROR_CODES,
  ROW_FIELDS,
  type RowErrorCode,
  type RowField,
} from "@spm/kpi";

/**
 * A row error in the reader's language, from its stored code and parameters; the stored
 * (English) message only for a code this build does not know.
 */
export function rowErrorMessage(
  e: { field: string; code: string; message: string; params?: Record<string, unknown> | null },
  locale: Locale,
): string {
  const code = e.code as RowErrorCode;
  const field = e.field as RowField;
  if (!ROW_ERROR_CODES.includes(code) || !ROW_FIELDS.includes(field)) return e.message;
  const params = Object.fromEntries(
    Object.entries(e.params ?? {}).filter(
      (p): p is [string, string | number] => typeof p[1] === "string" || typeof p[1] === "number",
    ),
  );
  return formatRowError({ field, code, params }, locale);
}
