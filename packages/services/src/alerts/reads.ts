/** Alerts as the alerts page, the API and the header read them. */
import type { Database } from "@spm/db";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { AlertRow } from "./alert-state";

type Conn = Kysely<Database> | Transaction<Database>;

/** An alert as the alerts page and API show it. */
export interface AlertView {
  id: string;
  rule: { id: string; name: string; deleted: boolean };
  programCode: string;
  indicator: string;
  region: string;
  status: AlertRow["status"];
  since: Date;
  firedAt: Date | null;
  lastNotifiedAt: Date | null;
  value: number | null;
  level: string | null;
  evaluatedAt: Date;
  acknowledged: { by: string; comment: string; at: string } | null;
  silencedUntil: Date | null;
  retired: boolean;
}

export function alertQuery(db: Conn) {
  return db
    .selectFrom("alerts as a")
    .innerJoin("alert_rules as r", "r.id", "a.rule_id")
    .select([
      "a.id",
      "a.rule_id",
      "r.name as rule_name",
      "r.deleted_at as rule_deleted_at",
      "r.program_code",
      "a.indicator_code",
      "a.region_code",
      "a.status",
      "a.since",
      "a.fired_at",
      "a.last_notified_at",
      "a.value",
      "a.level",
      "a.evaluated_at",
      "a.acknowledged",
      "a.silenced_until",
      "a.retired_at",
    ]);
}

type AlertQueryRow = Awaited<ReturnType<ReturnType<typeof alertQuery>["executeTakeFirstOrThrow"]>>;

export function toView(r: AlertQueryRow): AlertView {
  return {
    id: r.id,
    rule: { id: r.rule_id, name: r.rule_name, deleted: r.rule_deleted_at !== null },
    programCode: r.program_code,
    indicator: r.indicator_code,
    region: r.region_code,
    status: r.status,
    since: r.since,
    firedAt: r.fired_at,
    lastNotifiedAt: r.last_notified_at,
    value: r.value,
    level: r.level,
    evaluatedAt: r.evaluated_at,
    acknowledged: r.acknowledged,
    silencedUntil: r.silenced_until,
    retired: r.retired_at !== null,
  };
}

/** Which alerts a list shows: those firing or pending now, or those that fired and resolved. */
export type AlertListState = "active" | "firing" | "pending" | "resolved";

/** Lists alerts, most recent change first. */
export async function listAlerts(
  db: Conn,
  filter: { state?: AlertListState; programCode?: string; limit?: number } = {},
): Promise<AlertView[]> {
  let q = alertQuery(db);
  const state = filter.state ?? "active";
  if (state === "active") q = q.where("a.status", "in", ["firing", "pending"]);
  else if (state === "resolved")
    q = q.where("a.status", "=", "normal").where("a.fired_at", "is not", null);
  else q = q.where("a.status", "=", state);
  if (filter.programCode) q = q.where("r.program_code", "=", filter.programCode);
  const rows = await q
    .orderBy("a.since", "desc")
    .orderBy("a.id")
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(toView);
}

/** One alert with its history (newest first) and its notifications. */
export async function getAlert(
  db: Conn,
  id: string,
): Promise<
  | (AlertView & {
      events: Selectable<Database["alert_events"]>[];
      notifications: {
        id: string;
        kind: string;
        channel: string;
        address: string | null;
        userId: string | null;
        status: string;
        attempts: number;
        lastError: string | null;
        createdAt: Date;
        sentAt: Date | null;
      }[];
    })
  | undefined
> {
  const row = await alertQuery(db).where("a.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const [events, notifications] = await Promise.all([
    db
      .selectFrom("alert_events")
      .selectAll()
      .where("alert_id", "=", id)
      .orderBy("id", "desc")
      .limit(200)
      .execute(),
    db
      .selectFrom("notifications")
      .select([
        "id",
        "kind",
        "channel",
        "address",
        "user_id",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
      ])
      .where((eb) =>
        eb.or([
          eb("alert_id", "=", id),
          // Digest e-mails name their alerts inside the payload.
          sql<boolean>`payload @> ${JSON.stringify({ items: [{ alertId: id }] })}::jsonb`,
        ]),
      )
      .orderBy("created_at", "desc")
      .limit(200)
      .execute(),
  ]);
  return {
    ...toView(row),
    events,
    notifications: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      channel: n.channel,
      address: n.address,
      userId: n.user_id,
      status: n.status,
      attempts: n.attempts,
      lastError: n.last_error,
      createdAt: n.created_at,
      sentAt: n.sent_at,
    })),
  };
}

/** How many alerts fire now, for the header and metrics. */
export async function countFiringAlerts(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("alerts")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("status", "=", "firing")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
