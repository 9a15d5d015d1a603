import type { AlertsTable } from "@spm/db";
import type { AlertState } from "@spm/kpi";
import type { Selectable } from "kysely";

export type AlertRow = Selectable<AlertsTable>;

/** An alert row as the state machine of packages/kpi reads it. */
export function toState(row: AlertRow): AlertState {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    status: row.status,
    consecutive: row.consecutive,
    firedAt: iso(row.fired_at),
    lastNotifiedAt: iso(row.last_notified_at),
    since: row.since.toISOString(),
    ...(row.acknowledged ? { acknowledged: row.acknowledged } : {}),
  };
}
