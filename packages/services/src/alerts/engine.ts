/**
 * Alert evaluation (DESIGN.md, "Alerts"): each enabled rule is judged against the stored status
 * snapshots, one alert per rule × indicator × place is stepped through `stepAlert`, and the
 * notifications a step owes are written in the same transaction, keyed so that no notice can
 * be written twice. Delivery (e-mail, webhook) happens afterwards, from those rows.
 */

import type { AlertsTable, Database, NotificationChannel, NotificationsTable } from "@spm/db";
import { type Actor, actorFields, loadProgramDefinitions, lockRule, recordAudit } from "@spm/db";
import {
  type AlertNotification,
  type AlertRule,
  type AlertState,
  acknowledgeAlert,
  evaluateCondition,
  type IndicatorDefinition,
  type IndicatorStatus,
  type IsoTimestamp,
  matchesIndicatorScope,
  matchesScope,
  type ProgramDefinition,
  stepAlert,
} from "@spm/kpi";
import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { StoredAlertRule } from "../rules/compute";
import { listAlertRules } from "../rules/run";

type Conn = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;
type AlertRow = Selectable<AlertsTable>;

/** A notification written by an evaluation that a delivery job must now send. */
export interface PendingDelivery {
  id: string;
  channel: Exclude<NotificationChannel, "in_app">;
}

export interface EvaluationResult {
  rules: number;
  evaluated: number;
  transitions: number;
  notifications: number;
  deliveries: PendingDelivery[];
}

/** What a notice says about its alert; the e-mail, webhook and inbox are rendered from it. */
export interface AlertNoticePayload {
  type: "alert";
  kind: AlertNotification["kind"];
  alertId: string;
  rule: { id: string; name: string };
  program: { code: string; name: Record<string, string> };
  indicator: { code: string; name: Record<string, string>; unit: string };
  place: { code: string; name: Record<string, string>; national: boolean };
  condition: AlertRule["condition"];
  level: string;
  /** The level at the alert's previous evaluation (null at its first), for "overdue → red". */
  previousLevel: string | null;
  trajectory: string;
  year: number | null;
  value: number | null;
  target: unknown;
  firedAt: IsoTimestamp;
  at: IsoTimestamp;
  /** The dashboard page of the figure, relative to the dashboard's address. */
  path: string;
}

interface Recipient {
  channel: NotificationChannel;
  userId: string | null;
  address: string | null;
  lang: string;
}

/**
 * Evaluates every enabled rule (or only the alerts of the given indicators) at `now`, one
 * transaction and one advisory lock per rule, so concurrent workers serialise per rule.
 */
export async function evaluateAlerts(
  db: Kysely<Database>,
  args: { now: Date; codes?: readonly string[] },
): Promise<EvaluationResult> {
  const programs = await loadProgramDefinitions(db);
  const rules = await listAlertRules(db, { enabledOnly: true });
  const result: EvaluationResult = {
    rules: 0,
    evaluated: 0,
    transitions: 0,
    notifications: 0,
    deliveries: [],
  };
  for (const stored of rules) {
    const program = programs.find((p) => p.code === stored.programCode);
    if (!program) continue;
    const indicators = program.indicators.filter(
      (i) => (!args.codes || args.codes.includes(i.code)) && matchesIndicatorScope(stored.rule, i),
    );
    if (indicators.length === 0) continue;
    const one = await db
      .transaction()
      .execute((trx) => evaluateRule(trx, stored, program, indicators, args.now));
    result.rules += 1;
    result.evaluated += one.evaluated;
    result.transitions += one.transitions;
    result.notifications += one.notifications;
    result.deliveries.push(...one.deliveries);
  }
  return result;
}

async function evaluateRule(
  trx: Trx,
  stored: StoredAlertRule,
  program: ProgramDefinition,
  indicators: IndicatorDefinition[],
  now: Date,
): Promise<Omit<EvaluationResult, "rules">> {
  await lockRule(trx, stored.id);
  // The rule may have been edited or disabled while this evaluation waited for the lock.
  const current = await trx
    .selectFrom("alert_rules")
    .select(["version", "enabled", "deleted_at"])
    .where("id", "=", stored.id)
    .executeTakeFirst();
  const out = {
    evaluated: 0,
    transitions: 0,
    notifications: 0,
    deliveries: [] as PendingDelivery[],
  };
  if (!current?.enabled || current.deleted_at || current.version !== stored.version) return out;
  const { rule } = stored;
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const [snapshots, existing] = await Promise.all([
    trx
      .selectFrom("status_snapshots")
      .select(["indicator_code", "region_code", "current_level", "trajectory_level", "status"])
      .where("indicator_code", "in", [...byCode.keys()])
      .execute(),
    trx
      .selectFrom("alerts")
      .selectAll()
      .where("rule_id", "=", stored.id)
      .where("indicator_code", "in", [...byCode.keys()])
      .execute(),
  ]);
  const alerts = new Map(existing.map((a) => [`${a.indicator_code}|${a.region_code}`, a]));
  const notices: Notice[] = [];
  const nowIso = now.toISOString();
  for (const snapshot of snapshots) {
    const indicator = byCode.get(snapshot.indicator_code);
    if (!indicator || !matchesScope(rule, indicator, snapshot.region_code, program.nation.code))
      continue;
    out.evaluated += 1;
    const status = snapshot.status as IndicatorStatus;
    const condition = evaluateCondition(rule.condition, status);
    const row = alerts.get(`${snapshot.indicator_code}|${snapshot.region_code}`);
    // A retired alert (out of an earlier scope) starts afresh when the rule matches it again.
    const previous = row && !row.retired_at ? toState(row) : undefined;
    const step = stepAlert(previous, {
      holds: condition.holds,
      now: nowIso,
      rule,
      silencedUntil: row?.silenced_until ? row.silenced_until.toISOString() : null,
    });
    const alertId = await saveAlert(trx, {
      row,
      ruleId: stored.id,
      indicator: snapshot.indicator_code,
      region: snapshot.region_code,
      state: step.state,
      value: condition.value,
      level: snapshot.current_level,
      now,
    });
    if (step.transition) {
      out.transitions += 1;
      await trx
        .insertInto("alert_events")
        .values({
          alert_id: alertId,
          at: now,
          kind: eventKind(step.transition.from, step.transition.to),
          from_status: step.transition.from,
          to_status: step.transition.to,
          value: condition.value,
          level: snapshot.current_level,
        })
        .execute();
    }
    for (const notice of step.notifications) {
      const payload = noticePayload({
        notice,
        alertId,
        stored,
        program,
        indicator,
        region: snapshot.region_code,
        status,
        level: snapshot.current_level,
        previousLevel: row && !row.retired_at ? row.level : null,
        trajectory: snapshot.trajectory_level,
        value: condition.value,
      });
      notices.push({ alertId, notice, payload });
    }
  }
  if (notices.length > 0) {
    const written = await writeNotifications(trx, notices, await resolveRecipients(trx, rule));
    out.notifications += written.length;
    out.deliveries.push(...written.filter(isDelivery));
  }
  return out;
}

function isDelivery(n: { id: string; channel: NotificationChannel }): n is PendingDelivery {
  return n.channel !== "in_app";
}

function eventKind(from: string, to: string): string {
  if (to === "pending") return "pending";
  if (to === "firing") return "fired";
  return from === "firing" ? "resolved" : "cleared";
}

function toState(row: AlertRow): AlertState {
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

async function saveAlert(
  trx: Trx,
  a: {
    row: AlertRow | undefined;
    ruleId: string;
    indicator: string;
    region: string;
    state: AlertState;
    value: number | null;
    level: string;
    now: Date;
  },
): Promise<string> {
  const fields = {
    status: a.state.status,
    consecutive: a.state.consecutive,
    fired_at: a.state.firedAt,
    last_notified_at: a.state.lastNotifiedAt,
    since: a.state.since,
    acknowledged: a.state.acknowledged ? JSON.stringify(a.state.acknowledged) : null,
    value: a.value,
    level: a.level,
    evaluated_at: a.now,
    retired_at: null,
  };
  if (a.row) {
    await trx.updateTable("alerts").set(fields).where("id", "=", a.row.id).execute();
    return a.row.id;
  }
  const inserted = await trx
    .insertInto("alerts")
    .values({ rule_id: a.ruleId, indicator_code: a.indicator, region_code: a.region, ...fields })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Who a rule reaches on each of its channels, each recipient once per channel. */
async function resolveRecipients(trx: Trx, rule: AlertRule): Promise<Recipient[]> {
  const { users = [], roles = [], addresses = [], webhooks = [] } = rule.recipients;
  const people =
    users.length + roles.length === 0
      ? []
      : await trx
          .selectFrom("users")
          .select(["id", "email", "lang"])
          .where("disabled_at", "is", null)
          .where((eb) =>
            eb.or([
              ...(users.length > 0
                ? [
                    eb(
                      eb.fn("lower", ["username"]),
                      "in",
                      users.map((u) => u.toLowerCase()),
                    ),
                  ]
                : []),
              ...(roles.length > 0 ? [eb("role", "in", roles)] : []),
            ]),
          )
          .orderBy("username")
          .execute();
  const out: Recipient[] = [];
  const emailed = new Set<string>();
  for (const channel of rule.channels) {
    if (channel === "in_app") {
      for (const p of people) out.push({ channel, userId: p.id, address: null, lang: p.lang });
    } else if (channel === "email") {
      for (const p of people) {
        if (!p.email || emailed.has(p.email.toLowerCase())) continue;
        emailed.add(p.email.toLowerCase());
        out.push({ channel, userId: p.id, address: p.email, lang: p.lang });
      }
      for (const address of addresses) {
        if (emailed.has(address.toLowerCase())) continue;
        emailed.add(address.toLowerCase());
        out.push({ channel, userId: null, address, lang: rule.locale });
      }
    } else {
      for (const url of new Set(webhooks))
        out.push({ channel, userId: null, address: url, lang: rule.locale });
    }
  }
  return out;
}

function noticePayload(a: {
  notice: AlertNotification;
  alertId: string;
  stored: StoredAlertRule;
  program: ProgramDefinition;
  indicator: IndicatorDefinition;
  region: string;
  status: IndicatorStatus;
  level: string;
  previousLevel: string | null;
  trajectory: string;
  value: number | null;
}): AlertNoticePayload {
  const national = a.region === a.program.nation.code;
  const place = national
    ? a.program.nation
    : (a.program.regions.find((r) => r.code === a.region) ?? { code: a.region, name: {} });
  return {
    type: "alert",
    kind: a.notice.kind,
    alertId: a.alertId,
    rule: { id: a.stored.id, name: a.stored.rule.name },
    program: { code: a.program.code, name: a.program.name },
    indicator: { code: a.indicator.code, name: a.indicator.name, unit: a.indicator.unit },
    place: { code: a.region, name: place.name as Record<string, string>, national },
    condition: a.stored.rule.condition,
    level: a.level,
    previousLevel: a.previousLevel,
    trajectory: a.trajectory,
    year: a.status.current.year,
    value: a.value,
    target: a.status.current.target,
    firedAt: a.notice.firedAt,
    at: a.notice.at,
    path: `/indicators/${encodeURIComponent(a.indicator.code)}${national ? "" : `?region=${encodeURIComponent(a.region)}`}`,
  };
}

/** One notice an evaluation owes, before it is addressed to the rule's recipients. */
interface Notice {
  alertId: string;
  notice: AlertNotification;
  payload: AlertNoticePayload;
}

/** Several notices of one evaluation of a rule, sent to one address as one e-mail. */
export interface AlertDigestPayload {
  type: "digest";
  rule: { id: string; name: string };
  program: AlertNoticePayload["program"];
  at: IsoTimestamp;
  items: AlertNoticePayload[];
}

/**
 * Writes the notices of one evaluation: in-app and webhook notices one per alert and recipient;
 * e-mail one per recipient, as a digest when the evaluation owes several (a rule over twenty
 * indicators sends one e-mail, not twenty). Keys name the alert's firing episode (or the
 * evaluation, for repeats and digests), so no notice can be written twice.
 */
async function writeNotifications(
  trx: Trx,
  notices: Notice[],
  recipients: Recipient[],
): Promise<{ id: string; channel: NotificationChannel }[]> {
  const rows: Insertable<NotificationsTable>[] = [];
  for (const r of recipients) {
    const who = r.userId ?? r.address;
    if (r.channel === "email" && notices.length > 1) {
      const first = notices[0] as Notice;
      const payload: AlertDigestPayload = {
        type: "digest",
        rule: first.payload.rule,
        program: first.payload.program,
        at: first.notice.at,
        items: notices.map((n) => n.payload),
      };
      rows.push({
        dedupe_key: `digest:${first.payload.rule.id}:${first.notice.at}:${who}`,
        kind: "digest",
        channel: r.channel,
        alert_id: null,
        user_id: r.userId,
        address: r.address,
        lang: r.lang,
        payload: JSON.stringify(payload),
        status: "pending",
      });
      continue;
    }
    for (const { alertId, notice, payload } of notices) {
      const episode = notice.kind === "repeat" ? notice.at : notice.firedAt;
      rows.push({
        dedupe_key: `alert:${alertId}:${notice.kind}:${episode}:${r.channel}:${who}`,
        kind: notice.kind,
        channel: r.channel,
        alert_id: alertId,
        user_id: r.userId,
        address: r.address,
        lang: r.lang,
        payload: JSON.stringify(payload),
        status: r.channel === "in_app" ? "unread" : "pending",
      });
    }
  }
  if (rows.length === 0) return [];
  return trx
    .insertInto("notifications")
    .values(rows)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning(["id", "channel"])
    .execute();
}

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

function alertQuery(db: Conn) {
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

function toView(r: AlertQueryRow): AlertView {
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

/** Why an acknowledgement or silence was refused. */
export type AlertActionResult =
  | { ok: true; alert: AlertView }
  | { ok: false; code: "not_found" | "alert_not_firing" };

/**
 * Acknowledges a firing alert with a comment: its repeats stop until it resolves (the resolved
 * notice is still sent). Audited and recorded in the alert's history.
 */
export async function acknowledgeAlertById(
  trx: Trx,
  id: string,
  ack: { by: string; comment: string },
  actor: Actor,
  now: Date,
): Promise<AlertActionResult> {
  const row = await lockAlert(trx, id);
  if (!row) return { ok: false, code: "not_found" };
  const result = acknowledgeAlert(toState(row), { ...ack, at: now.toISOString() });
  if (!result.ok) return result;
  await trx
    .updateTable("alerts")
    .set({ acknowledged: JSON.stringify(result.state.acknowledged) })
    .where("id", "=", id)
    .execute();
  await trx
    .insertInto("alert_events")
    .values({ alert_id: id, at: now, kind: "acknowledged", actor: ack.by, comment: ack.comment })
    .execute();
  await recordAudit(trx, {
    ...actorFields(actor),
    action: "alert.acknowledge",
    entityType: "alert",
    entityId: id,
    after: { comment: ack.comment },
  });
  return {
    ok: true,
    alert: toView(await alertQuery(trx).where("a.id", "=", id).executeTakeFirstOrThrow()),
  };
}

/** Silences an alert's notices until a time (null lifts the silence). */
export async function silenceAlertById(
  trx: Trx,
  id: string,
  args: { until: Date | null; by: string; comment: string | null },
  actor: Actor,
  now: Date,
): Promise<AlertActionResult> {
  const row = await lockAlert(trx, id);
  if (!row) return { ok: false, code: "not_found" };
  await trx
    .updateTable("alerts")
    .set({ silenced_until: args.until })
    .where("id", "=", id)
    .execute();
  await trx
    .insertInto("alert_events")
    .values({
      alert_id: id,
      at: now,
      kind: args.until ? "silenced" : "unsilenced",
      actor: args.by,
      comment: args.comment,
      until: args.until,
    })
    .execute();
  await recordAudit(trx, {
    ...actorFields(actor),
    action: args.until ? "alert.silence" : "alert.unsilence",
    entityType: "alert",
    entityId: id,
    before: { silencedUntil: row.silenced_until },
    after: { silencedUntil: args.until, comment: args.comment },
  });
  return {
    ok: true,
    alert: toView(await alertQuery(trx).where("a.id", "=", id).executeTakeFirstOrThrow()),
  };
}

/** Locks an alert for a manager's action; evaluations of its rule wait for it. */
async function lockAlert(trx: Trx, id: string): Promise<AlertRow | undefined> {
  const found = await trx
    .selectFrom("alerts")
    .select("rule_id")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) return undefined;
  await lockRule(trx, found.rule_id);
  return trx.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
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
