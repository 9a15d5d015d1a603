import type { ColumnType, Generated } from "kysely";

// The annual report's tables (issue 17), kept apart from database.ts to keep files short.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A rendered annual report PDF, kept under a key of everything it depends on. */
export interface ReportPdfsTable {
  cache_key: string;
  data_version: ColumnType<string, string | number, string | number>;
  bytes: Buffer;
  size_bytes: number;
  created_at: Generated<Date>;
}

/** A short-lived grant to open one annual report page with a reader's permission (hash only). */
export interface ReportGrantsTable {
  id_hash: string;
  actor: string;
  confidential: boolean;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

/** A manager's schedule: a programme's annual report e-mailed every month or quarter. */
export interface ReportSchedulesTable {
  id: Generated<string>;
  program_code: string;
  region: string | null;
  lang: string;
  frequency: "monthly" | "quarterly";
  recipients: string[];
  created_by: string;
  created_at: Generated<Date>;
  next_run_at: Timestamp;
  claimed_at: Timestamp | null;
  last_sent_at: Timestamp | null;
  last_error: string | null;
}
