import type { ColumnType, Generated } from "kysely";

// The tables of data quality (issue 18), kept apart from database.ts to keep files short.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A warning of a validation rule or the outlier check on one row of an upload. */
export interface UploadWarningsTable {
  id: Generated<string>;
  upload_id: string;
  row_number: number;
  indicator_code: string;
  region_code: string;
  period: string;
  code: string;
  /** The English sentence; readers get theirs from `code` and `params`. */
  message: string;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
}

/** A figure marked for follow-up (cleared by deleting the mark). */
export interface FigureFollowUpsTable {
  indicator_code: string;
  region_code: string;
  period: string;
  comment: string | null;
  marked_by: string;
  marked_at: Timestamp;
}

export interface QualityTables {
  upload_warnings: UploadWarningsTable;
  figure_follow_ups: FigureFollowUpsTable;
}
