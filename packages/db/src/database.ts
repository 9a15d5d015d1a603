import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type {
  AlertEventsTable,
  AlertRulesTable,
  AlertsTable,
  NotificationsTable,
} from "./database-alerts";
import type { ApprovalsTable, IndicatorChangesTable, NarrativesTable } from "./database-managing";
import type { QualityTables } from "./database-quality";
import type { ReportGrantsTable, ReportPdfsTable, ReportSchedulesTable } from "./database-reports";
import type { UploadChunksTable, UploadRowOutcomesView } from "./database-uploads";
import type { SourcesTable } from "./sources-table";

export type {
  AlertEventsTable,
  AlertInstanceStatus,
  AlertRulesTable,
  AlertsTable,
  NotificationChannel,
  NotificationKind,
  NotificationStatus,
  NotificationsTable,
} from "./database-alerts";
export type {
  ApprovalsTable,
  IndicatorChangesTable,
  NarrativesTable,
} from "./database-managing";
export type { ReportGrantsTable, ReportPdfsTable, ReportSchedulesTable } from "./database-reports";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
export type LocalizedJson = { en: string; ru: string; kk: string };
export type Role = "viewer" | "steward" | "manager" | "admin";
export type UploadStatus = "queued" | "processing" | "completed" | "failed";
export type RowOutcome = "inserted" | "updated" | "unchanged" | "rejected";

export interface ProgramsTable {
  code: string;
  name: Json<LocalizedJson>;
  description: Json<LocalizedJson> | null;
  history_year: number;
  baseline_year: number;
  start_year: number;
  end_year: number;
  nation_code: string;
  definition: Json<unknown>;
  definition_hash: string;
  /** The definition of the last imported file: the base of the next import's merge. */
  imported_definition: Json<unknown> | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface DirectionsTable {
  program_code: string;
  code: string;
  name: Json<LocalizedJson>;
  position: number;
}

export interface RegionsTable {
  code: string;
  name: Json<LocalizedJson>;
  kind: "nation" | "region";
  parent_code: string | null;
}

export interface ProgramRegionsTable {
  program_code: string;
  region_code: string;
  position: number;
}

export interface IndicatorsTable {
  code: string;
  program_code: string;
  direction_code: string;
  position: number;
  name: Json<LocalizedJson>;
  description: Json<LocalizedJson> | null;
  unit: string;
  polarity: string;
  polarity_reason: Json<string | LocalizedJson> | null;
  frequency: string;
  aggregation: string;
  disaggregation: string;
  baseline_year: number;
  baseline_value: number;
  baseline_source: Json<string | LocalizedJson>;
  targets_source: string;
  thresholds: Json<{ green: number; amber: number }>;
  trajectory: string;
  due_days: number;
  owner: Json<string | LocalizedJson> | null;
  /** Counts the definition's changes: `If-Match` of an edit names it. */
  version: Generated<number>;
  retired_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface TargetsTable {
  indicator_code: string;
  year: number;
  value: number | null;
  min: number | null;
  max: number | null;
  source: string;
  /** The document that sets the year's target (a decree's number and date). */
  document: string | null;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string | null;
  email: string | null;
  password_hash: string;
  role: Role;
  regions: string[] | null;
  /** The agency the user works for (an agency code of the programmes), for "My indicators". */
  agency: string | null;
  /** May read figures flagged `confidential`. */
  confidential: Generated<boolean>;
  lang: Generated<string>;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  role: Role;
  regions: string[] | null;
  /** May read figures flagged `confidential`. */
  confidential: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface UploadsTable {
  id: Generated<string>;
  seq: Generated<string>;
  kind: "file" | "api" | "seed" | "demo" | "source" | "form";
  filename: string | null;
  format: string | null;
  content_hash: string | null;
  idempotency_key: string | null;
  status: UploadStatus;
  dry_run: Generated<boolean>;
  received: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  status_changes: ColumnType<unknown[], string | undefined, string>;
  failure_reason: string | null;
  attempts: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  regions_scope: string[] | null;
  request_hash: string | null;
  job_id: string | null;
  retries: Generated<number>;
  /** The source whose pull made it (kind `source`). */
  source_id: Generated<string | null>;
}

export interface UploadRowsTable {
  upload_id: string;
  row_number: number;
  /** The row as sent, when its cells do not fit the columns below (or it was staged before). */
  raw: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  outcome: RowOutcome | null;
  figure_key: string | null;
  indicator: Generated<string | null>;
  period: Generated<string | null>;
  region: Generated<string | null>;
  value: Generated<string | null>;
  value_number: Generated<number | null>; // the value when sent as a JSON number
  flag: Generated<string | null>;
  note: Generated<string | null>;
  source: Generated<string | null>;
}

export interface UploadErrorsTable {
  id: Generated<string>;
  upload_id: string;
  row_number: number;
  field: string;
  code: string;
  message: string;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface ObservationRevisionsTable {
  id: Generated<string>;
  indicator_code: string;
  region_code: string;
  period: string;
  year: number;
  value: number;
  flag: string | null;
  note: string | null;
  source: string | null;
  upload_id: string | null;
  upload_seq: string;
  upload_row: number | null;
  author: string;
  created_at: Generated<Date>;
}

export interface ObservationsTable {
  indicator_code: string;
  region_code: string;
  period: string;
  year: number;
  value: number;
  flag: string | null;
  note: string | null;
  source: string | null;
  revision_id: string;
  revision_count: Generated<number>;
  upload_seq: string;
  updated_at: Timestamp;
}

export interface StatusSnapshotsTable {
  indicator_code: string;
  region_code: string;
  as_of: ColumnType<string, string, string>;
  current_level: string;
  trajectory_level: string;
  status: Json<unknown>;
  /** The whole evaluation (series, latest figure, status) the pages read. */
  evaluation: Json<unknown> | null;
  computed_at: Timestamp;
  data_version: ColumnType<string, string | number | undefined, string | number>;
}

/** The read model's programme years: an indicator in one place at the end of one year. */
export interface StatusYearsTable {
  indicator_code: string;
  region_code: string;
  year: number;
  current_level: string;
  trajectory_level: string;
  evaluation: Json<unknown>;
  computed_at: Timestamp;
  data_version: ColumnType<string, string | number, string | number>;
}

export interface StatusWorkTable {
  id: Generated<string>;
  /** Null: every active indicator. */
  indicator_code: string | null;
  reason: string;
  created_at: Generated<Date>;
  done_at: Timestamp | null;
}

export interface DataVersionTable {
  id: Generated<number>;
  version: ColumnType<string, string | number, string | number>;
  changed_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
  ip: string | null;
}

/** The typed schema of the whole database, as the migrations build it. */
export interface Database extends QualityTables {
  programs: ProgramsTable;
  directions: DirectionsTable;
  regions: RegionsTable;
  program_regions: ProgramRegionsTable;
  indicators: IndicatorsTable;
  indicator_changes: IndicatorChangesTable;
  narratives: NarrativesTable;
  approvals: ApprovalsTable;
  targets: TargetsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  uploads: UploadsTable;
  upload_rows: UploadRowsTable;
  upload_errors: UploadErrorsTable;
  upload_chunks: UploadChunksTable;
  upload_row_outcomes: UploadRowOutcomesView;
  observation_revisions: ObservationRevisionsTable;
  observations: ObservationsTable;
  status_snapshots: StatusSnapshotsTable;
  status_years: StatusYearsTable;
  status_work: StatusWorkTable;
  data_version: DataVersionTable;
  audit_log: AuditLogTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  notifications: NotificationsTable;
  sources: SourcesTable;
  report_pdfs: ReportPdfsTable;
  report_grants: ReportGrantsTable;
  report_schedules: ReportSchedulesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Upload = Selectable<UploadsTable>;
export type Indicator = Selectable<IndicatorsTable>;
export type Observation = Selectable<ObservationsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
