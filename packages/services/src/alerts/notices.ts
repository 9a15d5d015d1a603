/**
 * The notices an evaluation owes: what each says about its alert (the e-mail, webhook and
 * inbox are rendered from it), and the rows that carry it to each recipient, written once.
 */
import type { Database, NotificationChannel, NotificationsTable } from "@spm/db";
import type {
  AlertNotification,
  AlertRule,
  IndicatorDefinition,
  IndicatorStatus,
  IsoTimestamp,
  ProgramDefinition,
} from "@spm/kpi";
import type { Insertable, Transaction } from "kysely";
import type { StoredAlertRule } from "../rules/compute";
import type { Recipient } from "./recipients";

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
  /** Null when withheld from this recipient (see `confidential`). */
  value: number | null;
  /** The value is a confidential figure (or made of one): only a permitted user gets it. */
  confidential?: boolean;
  target: unknown;
  firedAt: IsoTimestamp;
  at: IsoTimestamp;
  /** The dashboard page of the figure, relative to the dashboard's address. */
  path: string;
}

/** One notice an evaluation owes, before it is addressed to the rule's recipients. */
export interface Notice {
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

export function noticePayload(a: {
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
  confidential: boolean;
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
    confidential: a.confidential,
    target: a.status.current.target,
    firedAt: a.notice.firedAt,
    at: a.notice.at,
    path: `/indicators/${encodeURIComponent(a.indicator.code)}${national ? "" : `?region=${encodeURIComponent(a.region)}`}`,
  };
}

/** A notice as one recipient may read it: a confidential value only to a permitted user. */
export function showNotice(
  payload: AlertNoticePayload,
  mayReadConfidential: boolean,
): AlertNoticePayload {
  return payload.confidential && !mayReadConfidential ? { ...payload, value: null } : payload;
}

/**
 * Writes the notices of one evaluation: in-app and webhook notices one per alert and recipient;
 * e-mail one per recipient, as a digest when the evaluation owes several (a rule over twenty
 * indicators sends one e-mail, not twenty). Keys name the alert's firing episode (or the
 * evaluation, for repeats and digests), so no notice can be written twice.
 */
export async function writeNotifications(
  trx: Transaction<Database>,
  notices: Notice[],
  recipients: Recipient[],
): Promise<{ id: string; channel: NotificationChannel }[]> {
  const rows: Insertable<NotificationsTable>[] = [];
  for (const r of recipients) {
    const who = r.userId ?? r.address;
    const forReader = (p: AlertNoticePayload) => showNotice(p, r.confidential);
    if (r.channel === "email" && notices.length > 1) {
      const first = notices[0] as Notice;
      const payload: AlertDigestPayload = {
        type: "digest",
        rule: first.payload.rule,
        program: first.payload.program,
        at: first.notice.at,
        items: notices.map((n) => forReader(n.payload)),
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
        payload: JSON.stringify(forReader(payload)),
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
