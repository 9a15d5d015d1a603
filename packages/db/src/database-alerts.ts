// The tables of alerts and notifications, apart from database.ts to keep files short.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type AlertInstanceStatus = "normal" | "pending" | "firing";
export type NotificationChannel = "email" | "webhook" | "in_app";
export type NotificationStatus = "pending" | "sent" | "outbox" | "failed" | "unread" | "read";
export type NotificationKind =
  | "firing"
  | "repeat"
  | "resolved"
  | "digest"
  | "reminder_due"
  | "reminder_overdue"
  | "approval_returned";

export interface AlertRulesTable {
  id: Generated<string>;
  program_code: string;
  key: string | null;
  name: string;
  definition: Json<unknown>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface AlertsTable {
  id: Generated<string>;
  rule_id: string;
  indicator_code: string;
  region_code: string;
  status: AlertInstanceStatus;
  consecutive: number;
  fired_at: Timestamp | null;
  last_notified_at: Timestamp | null;
  since: Timestamp;
  acknowledged: Json<{ by: string; comment: string; at: string }> | null;
  silenced_until: Timestamp | null;
  value: number | null;
  level: string | null;
  evaluated_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface AlertEventsTable {
  id: Generated<string>;
  alert_id: string;
  at: Timestamp;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  value: number | null;
  level: string | null;
  actor: string | null;
  comment: string | null;
  until: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  dedupe_key: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  alert_id: string | null;
  user_id: string | null;
  address: string | null;
  lang: string;
  payload: Json<unknown>;
  status: NotificationStatus;
  message: Json<unknown> | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
  read_at: Timestamp | null;
  /** A delivery's lease: when a worker claimed the row to send it, and which worker. */
  claimed_at: Timestamp | null;
  claimed_by: string | null;
}
