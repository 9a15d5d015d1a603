/**
 * Alert rules as stored: shipped with a programme file (by key) or written by managers. The
 * definition is kept as JSON; packages/services parses it and decides what an edit retires.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { AlertInstanceStatus, Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** A stored rule row (not deleted) with its definition as written. */
export interface AlertRuleRow {
  id: string;
  programCode: string;
  key: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  definition: unknown;
}

type Row = {
  id: string;
  program_code: string;
  key: string | null;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date | null;
  definition: unknown;
};

function toRuleRow(row: Row): AlertRuleRow {
  return {
    id: row.id,
    programCode: row.program_code,
    key: row.key,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at as Date,
    definition: row.definition,
  };
}

/** Lists the rules (not deleted), optionally of one programme, oldest first. */
export async function listAlertRuleRows(
  db: Conn,
  filter: { programCode?: string; enabledOnly?: boolean } = {},
): Promise<AlertRuleRow[]> {
  let q = db.selectFrom("alert_rules").selectAll().where("deleted_at", "is", null);
  if (filter.programCode) q = q.where("program_code", "=", filter.programCode);
  if (filter.enabledOnly) q = q.where("enabled", "=", true);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => toRuleRow(r as Row));
}

/** One rule (not deleted), or undefined. */
export async function findAlertRuleRow(db: Conn, id: string): Promise<AlertRuleRow | undefined> {
  const row = await db
    .selectFrom("alert_rules")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row ? toRuleRow(row as Row) : undefined;
}

/** The rule's version and whether it still applies, read after taking its lock. */
export async function findAlertRuleVersion(
  trx: Trx,
  id: string,
): Promise<{ version: number; enabled: boolean; deleted: boolean } | undefined> {
  const row = await trx
    .selectFrom("alert_rules")
    .select(["version", "enabled", "deleted_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { version: row.version, enabled: row.enabled, deleted: row.deleted_at !== null };
}

/** Inserts a rule; a shipped rule (with a key) the programme has already is skipped. */
export async function insertAlertRule(
  trx: Trx,
  input: {
    programCode: string;
    key: string | null;
    name: string;
    definition: unknown;
    enabled: boolean;
    createdBy: string;
  },
): Promise<AlertRuleRow | undefined> {
  const row = await trx
    .insertInto("alert_rules")
    .values({
      program_code: input.programCode,
      key: input.key,
      name: input.name,
      definition: JSON.stringify(input.definition),
      enabled: input.enabled,
      created_by: input.createdBy,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(["program_code", "key"]).where("key", "is not", null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toRuleRow(row as Row) : undefined;
}

/** Replaces a rule's definition and advances its version. */
export async function updateAlertRuleDefinition(
  trx: Trx,
  id: string,
  input: { name: string; definition: unknown; enabled: boolean },
  now: Date,
): Promise<AlertRuleRow> {
  const row = await trx
    .updateTable("alert_rules")
    .set({
      name: input.name,
      definition: JSON.stringify(input.definition),
      enabled: input.enabled,
      version: sql`version + 1`,
      updated_at: now,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRuleRow(row as Row);
}

/** Marks a rule deleted (kept for the history of its alerts) and disabled. */
export async function markAlertRuleDeleted(trx: Trx, id: string, now: Date): Promise<void> {
  await trx
    .updateTable("alert_rules")
    .set({ deleted_at: now, enabled: false, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Serialises everything that changes one rule's alerts (evaluations, edits, deletion). */
export async function lockRule(trx: Trx, id: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`alert-rule:${id}`}))`.execute(trx);
}

/** The alerts of a rule that are not retired. */
export async function listLiveAlertsOfRule(
  db: Conn,
  ruleId: string,
): Promise<{ id: string; indicator: string; region: string; status: AlertInstanceStatus }[]> {
  const rows = await db
    .selectFrom("alerts")
    .select(["id", "indicator_code", "region_code", "status"])
    .where("rule_id", "=", ruleId)
    .where("retired_at", "is", null)
    .execute();
  return rows.map((a) => ({
    id: a.id,
    indicator: a.indicator_code,
    region: a.region_code,
    status: a.status,
  }));
}

/** Retires alerts as normal, with an event saying why. */
export async function retireAlerts(
  trx: Trx,
  ids: string[],
  now: Date,
  actor: string,
  kind: "rule_edited" | "rule_deleted",
): Promise<void> {
  if (ids.length === 0) return;
  const retired = await trx
    .updateTable("alerts")
    .set({ status: "normal", consecutive: 0, retired_at: now, since: now })
    .where("id", "in", ids)
    .returning(["id", "status"])
    .execute();
  await trx
    .insertInto("alert_events")
    .values(retired.map((r) => ({ alert_id: r.id, at: now, kind, to_status: "normal", actor })))
    .execute();
}
