/**
 * Notifications: the in-app inbox, the delivery of e-mails and webhooks from their rows (exactly
 * one successful send per row), the outbox of e-mails kept when no SMTP server is configured,
 * and the reminders to stewards.
 */

import type { Database, NotificationsTable } from "@spm/db";
import { loadProgramDefinitions } from "@spm/db";
import {
  DEFAULT_REMINDER_WINDOWS,
  type IsoDate,
  periodsCallingForReminders,
  type ReminderKind,
  type ReminderWindows,
} from "@spm/kpi";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { PendingDelivery } from "./evaluate";
import type { AlertDigestPayload, AlertNoticePayload } from "./notices";

type Conn = Kysely<Database> | Transaction<Database>;
export type NotificationRow = Selectable<NotificationsTable>;

/** A user's in-app notifications, newest first. */
export async function listInbox(
  db: Conn,
  userId: string,
  args: { unreadOnly?: boolean; limit?: number } = {},
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom("notifications")
    .selectAll()
    .where("channel", "=", "in_app")
    .where("user_id", "=", userId);
  if (args.unreadOnly) q = q.where("status", "=", "unread");
  return q
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(args.limit ?? 100)
    .execute();
}

/** How many in-app notifications a user has not read. */
export async function countUnread(db: Conn, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("channel", "=", "in_app")
    .where("user_id", "=", userId)
    .where("status", "=", "unread")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a user's in-app notifications read (the given ones, or all); returns how many changed. */
export async function markRead(
  db: Conn,
  userId: string,
  ids: readonly string[] | "all",
  now: Date,
): Promise<number> {
  let q = db
    .updateTable("notifications")
    .set({ status: "read", read_at: now })
    .where("channel", "=", "in_app")
    .where("user_id", "=", userId)
    .where("status", "=", "unread");
  if (ids !== "all") {
    if (ids.length === 0) return 0;
    q = q.where("id", "in", ids);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What a delivery did with a row. */
export type DeliveryOutcome = "sent" | "outbox" | "already_done" | "not_found";

/**
 * Delivers one notification exactly once: the row is locked while `send` runs, so a second
 * worker holding the same id waits, then finds it done. A failed send leaves the row pending
 * (its attempt and error recorded) for the job's retry.
 */
export async function deliverNotification(
  db: Kysely<Database>,
  id: string,
  send: (row: NotificationRow) => Promise<{ status: "sent" | "outbox"; message: unknown }>,
  now: () => Date,
): Promise<DeliveryOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("notifications")
        .selectAll()
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return "not_found";
      if (row.status !== "pending") return "already_done";
      const { status, message } = await send(row);
      await trx
        .updateTable("notifications")
        .set({
          status,
          message: JSON.stringify(message),
          attempts: row.attempts + 1,
          last_error: null,
          sent_at: now(),
        })
        .where("id", "=", id)
        .execute();
      return status;
    });
  } catch (error) {
    await db
      .updateTable("notifications")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: (error as Error).message.slice(0, 2000),
      }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .execute();
    throw error;
  }
}

/** Gives up on a notification after its last retry; the UI lists it with the reason. */
export async function markNotificationFailed(db: Conn, id: string, reason: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ status: "failed", last_error: reason.slice(0, 2000) })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/** Pending deliveries older than `graceMs` (their job may have been lost with Redis). */
export async function listStalledDeliveries(
  db: Conn,
  now: Date,
  graceMs: number,
  limit = 1000,
): Promise<PendingDelivery[]> {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "channel"])
    .where("status", "=", "pending")
    .where("created_at", "<", new Date(now.getTime() - graceMs))
    .orderBy("created_at")
    .limit(limit)
    .execute();
  return rows.filter((r): r is PendingDelivery => r.channel !== "in_app");
}

/** E-mails (kept in the outbox or sent) and webhooks, newest first, for admins and managers. */
export async function listDeliveries(
  db: Conn,
  filter: { channel?: "email" | "webhook"; status?: NotificationRow["status"]; limit?: number },
): Promise<NotificationRow[]> {
  let q = db.selectFrom("notifications").selectAll().where("channel", "<>", "in_app");
  if (filter.channel) q = q.where("channel", "=", filter.channel);
  if (filter.status) q = q.where("status", "=", filter.status);
  return q
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(filter.limit ?? 100)
    .execute();
}

/**
 * A delivery as a reader of the outbox may see it: the body of an e-mail that carries a
 * confidential value (sent to a permitted user) is withheld from a reader without the
 * permission; its subject names levels only and stays.
 */
export function showDelivery(
  row: NotificationRow,
  mayReadConfidential: boolean,
): NotificationRow & { withheld: boolean } {
  const payload = row.payload as
    | (Partial<AlertNoticePayload> & Partial<Pick<AlertDigestPayload, "items">>)
    | null;
  const carries = (p: Partial<AlertNoticePayload> | undefined) =>
    p?.confidential === true && p.value !== null && p.value !== undefined;
  const secret = carries(payload ?? undefined) || (payload?.items ?? []).some(carries);
  if (mayReadConfidential || !secret) return { ...row, withheld: false };
  const message = row.message as { subject?: string } | null;
  return {
    ...row,
    payload: null,
    message: message ? { subject: message.subject } : null,
    withheld: true,
  };
}

/** What a reminder e-mail lists: the figures a steward still owes for one due date. */
export interface ReminderPayload {
  type: "reminder";
  kind: ReminderKind;
  program: { code: string; name: Record<string, string> };
  dueDate: IsoDate;
  items: {
    indicator: string;
    name: Record<string, string>;
    period: string;
    region: string | null;
    path: string;
  }[];
}

/**
 * Writes the reminder e-mails owed on `today`: for each steward with an e-mail address, one per
 * programme, kind and due date, listing the figures still missing that they may report (all
 * national figures for stewards without a region limit, their regions' figures otherwise). The
 * key makes each reminder once per period and recipient, however often this runs.
 */
export async function planReminders(
  db: Kysely<Database>,
  args: { today: IsoDate; windows?: ReminderWindows },
): Promise<PendingDelivery[]> {
  const programs = await loadProgramDefinitions(db);
  const stewards = await db
    .selectFrom("users")
    .select(["id", "email", "lang", "regions"])
    .where("role", "=", "steward")
    .where("disabled_at", "is", null)
    .where("email", "is not", null)
    .orderBy("username")
    .execute();
  if (stewards.length === 0) return [];
  const out: PendingDelivery[] = [];
  for (const program of programs) {
    const calls = periodsCallingForReminders(
      program,
      args.today,
      args.windows ?? DEFAULT_REMINDER_WINDOWS,
    );
    if (calls.length === 0) continue;
    const present = await db
      .selectFrom("observations")
      .select(["indicator_code", "period", "region_code"])
      .where("indicator_code", "in", [...new Set(calls.map((c) => c.indicator))])
      .where("period", "in", [...new Set(calls.map((c) => c.period))])
      .execute();
    const have = new Set(present.map((p) => `${p.indicator_code}|${p.period}|${p.region_code}`));
    const byCode = new Map(program.indicators.map((i) => [i.code, i]));
    for (const steward of stewards) {
      const groups = new Map<string, ReminderPayload>();
      for (const call of calls) {
        const indicator = byCode.get(call.indicator);
        if (!indicator) continue;
        const places = steward.regions
          ? indicator.disaggregation === "regional"
            ? steward.regions.filter((r) => program.regions.some((pr) => pr.code === r))
            : []
          : [program.nation.code];
        for (const place of places) {
          if (have.has(`${call.indicator}|${call.period}|${place}`)) continue;
          const key = `${call.kind}|${call.dueDate}`;
          const group: ReminderPayload = groups.get(key) ?? {
            type: "reminder" as const,
            kind: call.kind,
            program: { code: program.code, name: program.name },
            dueDate: call.dueDate,
            items: [],
          };
          const national = place === program.nation.code;
          group.items.push({
            indicator: indicator.code,
            name: indicator.name,
            period: call.period,
            region: national ? null : place,
            path: `/indicators/${encodeURIComponent(indicator.code)}${national ? "" : `?region=${encodeURIComponent(place)}`}`,
          });
          groups.set(key, group);
        }
      }
      for (const payload of groups.values()) {
        const row = await db
          .insertInto("notifications")
          .values({
            dedupe_key: `reminder:${payload.kind}:${program.code}:${payload.dueDate}:${steward.id}`,
            kind: payload.kind,
            channel: "email",
            user_id: steward.id,
            address: steward.email,
            lang: steward.lang,
            payload: JSON.stringify(payload),
            status: "pending",
          })
          .onConflict((oc) => oc.column("dedupe_key").doNothing())
          .returning(["id"])
          .executeTakeFirst();
        if (row) out.push({ id: row.id, channel: "email" });
      }
    }
  }
  return out;
}

/** Notification counts by channel and status, for /metrics. */
export async function countNotificationsByStatus(
  db: Conn,
): Promise<{ channel: string; status: string; n: number }[]> {
  const { rows } = await sql<{ channel: string; status: string; n: string }>`
    select channel, status, count(*) as n from notifications group by channel, status`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
