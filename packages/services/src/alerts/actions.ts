/** A manager's actions on an alert: acknowledging it, silencing it; audited and in its history. */
import type { Database } from "@spm/db";
import { type Actor, actorFields, lockRule, recordAudit } from "@spm/db";
import { acknowledgeAlert } from "@spm/kpi";
import type { Transaction } from "kysely";
import { type AlertRow, toState } from "./alert-state";
import { type AlertView, alertQuery, toView } from "./reads";

type Trx = Transaction<Database>;

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
