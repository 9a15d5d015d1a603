/** A rejected row's error as the upload report lists it. */
export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** The report's filters: an empty value shows every kind / every field. */
export interface ErrorFilter {
  code: string;
  field: string;
}

/** The distinct values of one key, sorted, for a filter's choices. */
export function choicesOf(errors: readonly RowError[], key: "code" | "field"): string[] {
  return [...new Set(errors.map((e) => e[key]))].sort();
}

/** The errors that pass both filters, in row order. */
export function filterErrors(errors: readonly RowError[], filter: ErrorFilter): RowError[] {
  return errors.filter(
    (e) => (!filter.code || e.code === filter.code) && (!filter.field || e.field === filter.field),
  );
}
