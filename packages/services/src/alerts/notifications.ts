/**
 * Notifications: the in-app inbox, the delivery of e-mails and webhooks from their rows (exactly
 * one successful send per row), the outbox of e-mails kept when no SMTP server is configured,
 * and the reminders to stewards.
 */

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database, NotificationsTable } from "@spm/db";
import { loadProgramDefinitions } from "@spm/db";
import {
  DEFAULT_REMINDER_WINDOWS,
  type IsoDate,
  periodsCallingForReminders,
  type ReminderKind,
  type ReminderWindows,
} from "@spm/kpi";
import {
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from "kysely";
import type { PendingDelivery } from "./evaluate";
import type { AlertDigestPayload, AlertNoticePayload } from "./notices";
import { type ReturnedUnit, reminderApprovals } from "./reminder-approvals";

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

/** This process's name on the claims it takes. */
const WORKER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** How long a claim holds: longer than any send may take (webhooks time out after 10 s). */
export const DELIVERY_LEASE_MS = 120_000;

/** Thrown when another worker's claim on the row still holds: the job tries again later. */
export class DeliveryInFlightError extends Error {
  override name = "DeliveryInFlightError";
}

/**
 * Delivers one notification exactly once without holding a lock or a transaction across the
 * send: a short statement claims the pending row for a lease (`claimed_by`, `claimed_at`), `send`
 * runs with no transaction open, and a second short statement records the result if the claim
 * is still ours. A second worker meanwhile is refused (DeliveryInFlightError, retried later); a
 * crashed sender's claim expires after the lease and the row is sent again, which receivers
 * drop by its id (X-SPM-Delivery, Message-ID). A failed send releases the claim, its attempt and
 * error recorded, for the job's retry.
 */
export async function deliverNotification(
  db: Kysely<Database>,
  id: string,
  send: (row: NotificationRow) => Promise<{ status: "sent" | "outbox"; message: unknown }>,
  now: () => Date,
  options: { worker?: string; leaseMs?: number } = {},
): Promise<DeliveryOutcome> {
  const worker = options.worker ?? WORKER_ID;
  const claimedAt = now();
  const expired = new Date(claimedAt.getTime() - (options.leaseMs ?? DELIVERY_LEASE_MS));
  const row = await db
    .updateTable("notifications")
    .set({ claimed_at: claimedAt, claimed_by: worker })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", expired)]))
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const current = await db
      .selectFrom("notifications")
      .select(["status"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!current) return "not_found";
    if (current.status !== "pending") return "already_done";
    throw new DeliveryInFlightError("the notification is being sent by another worker");
  }
  const ours = (q: UpdateQueryBuilder<Database, "notifications", "notifications", UpdateResult>) =>
    q.where("id", "=", id).where("status", "=", "pending").where("claimed_by", "=", worker);
  let result: { status: "sent" | "outbox"; message: unknown };
  try {
    result = await send(row);
  } catch (error) {
    await ours(
      db.updateTable("notifications").set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: (error as Error).message.slice(0, 2000),
        claimed_at: null,
        claimed_by: null,
      })),
    ).execute();
    throw error;
  }
  const recorded = await ours(
    db.updateTable("notifications").set({
      status: result.status,
      message: JSON.stringify(result.message),
      attempts: row.attempts + 1,
      last_error: null,
      sent_at: now(),
      claimed_at: null,
      claimed_by: null,
    }),
  ).executeTakeFirstOrThrow();
  // Our lease ran out and another worker took the row over and recorded it first.
  return Number(recorded.numUpdatedRows) === 1 ? result.status : "already_done";
}

/**
 * Gives up on a notification after its last retry; the UI lists it with the reason. A row that
 * another worker's live claim is sending is left to that worker.
 */
export async function markNotificationFailed(db: Conn, id: string, reason: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ status: "failed", last_error: reason.slice(0, 2000) })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where((eb) =>
      eb.or([
        eb("claimed_at", "is", null),
        eb(
          "claimed_at",
          "<",
          sql<Date>`now() - make_interval(secs => ${DELIVERY_LEASE_MS / 1000})`,
        ),
      ]),
    )
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
  /** Years at the steward's places returned by a manager, with the comment (absent: none). */
  returned?: ReturnedUnit[];
}

/**
 * Writes the reminder e-mails owed on `today`: for each steward with an e-mail address, one per
 * programme, kind and due date, listing the figures still missing that they may report (all
 * national figures for stewards without a region limit, their regions' figures otherwise), except
 * those of an approved (locked) year and place, and naming the years returned to their places.
 * The key makes each reminder once per period and recipient, however often this runs.
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
    const approvals = await reminderApprovals(db, {
      code: program.code,
      nation: program.nation.code,
    });
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
          if (approvals.isApproved(Number(call.period.slice(0, 4)), place)) continue;
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
      const returned = approvals.returnedAt(steward.regions ?? [program.nation.code]);
      for (const payload of groups.values()) {
        if (returned.length > 0) payload.returned = returned;
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
