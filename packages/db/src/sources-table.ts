import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type SourceKind = "dhis2" | "url";
export type SourceAuthKind = "none" | "token" | "basic";
export type SourceOutcome = "uploaded" | "unchanged" | "failed";

/** What a DHIS2 source asks `dataValueSets` for: sets, units, and periods or a window of years. */
export interface SourceDhis2Params {
  dataSets: string[];
  orgUnits: string[];
  children: boolean;
  periods?: string[] | undefined;
  /** The last N calendar years up to the pull's own (startDate/endDate), when no periods. */
  lastYears?: number | undefined;
}

/** Why the last pull failed: a code and its parameters (the reader's language is the edge's). */
export interface SourceError {
  code: string;
  params: Record<string, unknown>;
}

export interface SourcesTable {
  id: Generated<string>;
  program_code: string;
  name: string;
  kind: SourceKind;
  url: string;
  dhis2: Json<SourceDhis2Params> | null;
  auth_kind: SourceAuthKind;
  auth_username: string | null;
  /** `v1.<keyId>.<nonce>.<ciphertext>.<tag>` (base64url), never the plain secret. */
  secret_sealed: string | null;
  every_minutes: number;
  enabled: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  next_pull_at: Timestamp;
  last_pull_at: Timestamp | null;
  last_outcome: SourceOutcome | null;
  last_upload_id: string | null;
  last_content_hash: string | null;
  last_error: Json<SourceError> | null;
  failures: Generated<number>;
}

export type SourceRow = Selectable<SourcesTable>;
