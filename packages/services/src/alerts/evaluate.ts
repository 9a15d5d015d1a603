/**
 * Alert evaluation (DESIGN.md, "Alerts"): each enabled rule is judged against the stored status
 * snapshots, one alert per rule × indicator × place is stepped through `stepAlert`, and the
 * notifications a step owes are written in the same transaction, keyed so that no notice can
 * be written twice. Delivery (e-mail, webhook) happens afterwards, from those rows.
 */

import type { Database, NotificationChannel } from "@spm/db";
import { findAlertRuleVersion, loadProgramDefinitions, lockRule } from "@spm/db";
import {
  type AlertState,
  evaluateCondition,
  type IndicatorDefinition,
  type IndicatorEvaluation,
  type IndicatorStatus,
  matchesIndicatorScope,
  matchesScope,
  type ProgramDefinition,
  stepAlert,
  withholdConfidential,
} from "@spm/kpi";
import type { Kysely, Transaction } from "kysely";
import type { StoredAlertRule, UnreadableRule } from "../rules/compute";
import { listEvaluableAlertRules } from "../rules/run";
import { type AlertRow, toState } from "./alert-state";
import { type Notice, noticePayload, writeNotifications } from "./notices";
import { resolveRecipients } from "./recipients";

type Trx = Transaction<Database>;

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
  /** Enabled rules skipped because their stored definition cannot be read. */
  unreadable: UnreadableRule[];
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
  const { rules, unreadable } = await listEvaluableAlertRules(db);
  const result: EvaluationResult = {
    rules: 0,
    evaluated: 0,
    transitions: 0,
    notifications: 0,
    deliveries: [],
    unreadable,
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
): Promise<Omit<EvaluationResult, "rules" | "unreadable">> {
  await lockRule(trx, stored.id);
  // The rule may have been edited or disabled while this evaluation waited for the lock.
  const current = await findAlertRuleVersion(trx, stored.id);
  const out = {
    evaluated: 0,
    transitions: 0,
    notifications: 0,
    deliveries: [] as PendingDelivery[],
  };
  if (!current?.enabled || current.deleted || current.version !== stored.version) return out;
  const { rule } = stored;
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const [snapshots, existing] = await Promise.all([
    trx
      .selectFrom("status_snapshots")
      .select([
        "indicator_code",
        "region_code",
        "current_level",
        "trajectory_level",
        "status",
        "evaluation",
      ])
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
    // The value is `current.actual`: confidential when its year's figure is (or, unknown, is not
    // known to be public). The alert keeps no copy of it; each notice carries it to permitted users.
    const confidential = snapshot.evaluation
      ? withholdConfidential(snapshot.evaluation as IndicatorEvaluation).withheld.current
      : true;
    const kept = confidential ? null : condition.value;
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
      value: kept,
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
          value: kept,
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
        confidential,
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
