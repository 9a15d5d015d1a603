/**
 * Alert rules as stored: shipped with a programme file (by key) or written by managers, edited
 * with their alerts' states kept where the new scope still matches (`reconcileRuleEdit`).
 */
import {
  type AlertInstanceKey,
  type AlertRule,
  type AlertState,
  alertInstanceKey,
  alertRuleSchema,
  evaluateCondition,
  evaluateIndicator,
  type IsoDate,
  matchesIndicatorScope,
  matchesScope,
  type ProgramDefinition,
  placesOf,
  reconcileRuleEdit,
} from "@spm/kpi";
import { type Kysely, sql, type Transaction } from "kysely";
import type { AlertRulesTable, Database } from "../database";
import { DbError } from "../errors";
import { type Actor, actorFields, recordAudit } from "./audit";
import { loadProgramDefinitions } from "./catalog";
import { listStoredFigures } from "./status-read";

type Conn = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** A stored rule: its definition (defaults applied) and its bookkeeping. */
export interface StoredAlertRule {
  id: string;
  programCode: string;
  key: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  rule: AlertRule;
}

type RuleRow = Pick<
  AlertRulesTable,
  "program_code" | "key" | "name" | "created_by" | "deleted_at"
> & {
  id: string;
  definition: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
};

function toStored(row: RuleRow): StoredAlertRule {
  return {
    id: row.id,
    programCode: row.program_code,
    key: row.key,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at as Date,
    // Stored definitions passed the schema when written; parsing again applies new defaults.
    rule: alertRuleSchema.parse(row.definition),
  };
}

/** Lists the rules (not deleted), optionally of one programme, oldest first. */
export async function listAlertRules(
  db: Conn,
  filter: { programCode?: string; enabledOnly?: boolean } = {},
): Promise<StoredAlertRule[]> {
  let q = db.selectFrom("alert_rules").selectAll().where("deleted_at", "is", null);
  if (filter.programCode) q = q.where("program_code", "=", filter.programCode);
  if (filter.enabledOnly) q = q.where("enabled", "=", true);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => toStored(r as RuleRow));
}

/** One rule (not deleted), or undefined. */
export async function findAlertRule(db: Conn, id: string): Promise<StoredAlertRule | undefined> {
  const row = await db
    .selectFrom("alert_rules")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row ? toStored(row as RuleRow) : undefined;
}

/** Refuses a rule whose scope names what its programme does not have. */
function assertScopeKnown(program: ProgramDefinition, rule: AlertRule): void {
  const { indicators, regions } = rule.scope;
  const problems: { path: string; message: string }[] = [];
  if (indicators !== "all" && "direction" in indicators) {
    if (!program.directions.some((d) => d.code === indicators.direction))
      problems.push({
        path: "scope.indicators.direction",
        message: `unknown direction "${indicators.direction}"`,
      });
  } else if (
    indicators !== "all" &&
    !program.indicators.some((i) => i.code === indicators.indicator)
  ) {
    problems.push({
      path: "scope.indicators.indicator",
      message: `unknown indicator "${indicators.indicator}"`,
    });
  }
  if (
    typeof regions === "object" &&
    regions.region !== program.nation.code &&
    !program.regions.some((r) => r.code === regions.region)
  ) {
    problems.push({ path: "scope.regions.region", message: `unknown region "${regions.region}"` });
  }
  if (problems.length > 0)
    throw new DbError(
      "invalid_rule",
      problems.map((p) => `${p.path}: ${p.message}`).join("; "),
      problems,
    );
}

/** Refuses a rule that names accounts that do not exist (a typo would tell nobody). */
async function assertUsersKnown(db: Conn, rule: AlertRule): Promise<void> {
  const names = rule.recipients.users ?? [];
  if (names.length === 0) return;
  const found = await db
    .selectFrom("users")
    .select("username")
    .where(
      (eb) => eb.fn("lower", ["username"]),
      "in",
      names.map((n) => n.toLowerCase()),
    )
    .execute();
  const known = new Set(found.map((u) => u.username.toLowerCase()));
  const unknown = names.filter((n) => !known.has(n.toLowerCase()));
  if (unknown.length > 0)
    throw new DbError(
      "invalid_rule",
      `recipients.users: no such user ${unknown.join(", ")}`,
      unknown.map((u) => ({ path: "recipients.users", message: `no such user "${u}"` })),
    );
}

async function programOf(db: Conn, code: string): Promise<ProgramDefinition> {
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === code);
  if (!program) throw new DbError("not_found", `no programme ${code}`);
  return program;
}

/** Creates a rule written by a manager, audited in the same transaction. */
export async function createAlertRule(
  trx: Trx,
  input: { programCode: string; rule: AlertRule },
  actor: Actor,
): Promise<StoredAlertRule> {
  assertScopeKnown(await programOf(trx, input.programCode), input.rule);
  await assertUsersKnown(trx, input.rule);
  const row = await insertRule(trx, input.programCode, null, input.rule, actor);
  if (!row) throw new DbError("conflict", "the rule could not be created");
  return toStored(row);
}

/**
 * Creates the rules a programme file ships that the programme does not have yet (by key);
 * rules already there, edited or disabled by managers, are left as they are.
 */
export async function createShippedAlertRules(
  trx: Trx,
  def: ProgramDefinition,
  actor: Actor,
): Promise<number> {
  let created = 0;
  for (const { key, ...fields } of def.alertRules) {
    if (await insertRule(trx, def.code, key, alertRuleSchema.parse(fields), actor)) created += 1;
  }
  return created;
}

/** Inserts and audits a rule; a shipped rule whose key the programme has already is skipped. */
async function insertRule(
  trx: Trx,
  programCode: string,
  key: string | null,
  rule: AlertRule,
  actor: Actor,
): Promise<RuleRow | undefined> {
  const row = await trx
    .insertInto("alert_rules")
    .values({
      program_code: programCode,
      key,
      name: rule.name,
      definition: JSON.stringify(rule),
      enabled: rule.enabled,
      created_by: actorFields(actor).actor,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(["program_code", "key"]).where("key", "is not", null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await recordAudit(trx, {
    ...actorFields(actor),
    action: "alert_rule.create",
    entityType: "alert_rule",
    entityId: row.id,
    after: { programCode, ...(key ? { key } : {}), ...rule },
  });
  return row as RuleRow;
}

/**
 * Replaces a rule's definition. Alerts the new scope still matches keep their state (a firing
 * alert stays firing, without a new notice); the others are retired as normal, with an event.
 */
export async function updateAlertRule(
  trx: Trx,
  id: string,
  rule: AlertRule,
  actor: Actor,
  now: Date,
): Promise<StoredAlertRule | undefined> {
  await lockRule(trx, id);
  const before = await findAlertRule(trx, id);
  if (!before) return undefined;
  const program = await programOf(trx, before.programCode);
  assertScopeKnown(program, rule);
  await assertUsersKnown(trx, rule);
  const row = await trx
    .updateTable("alert_rules")
    .set({
      name: rule.name,
      definition: JSON.stringify(rule),
      enabled: rule.enabled,
      version: sql`version + 1`,
      updated_at: now,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const instances = await trx
    .selectFrom("alerts")
    .select(["id", "indicator_code", "region_code", "status"])
    .where("rule_id", "=", id)
    .where("retired_at", "is", null)
    .execute();
  const states = new Map<AlertInstanceKey, AlertState>(
    instances.map((a) => [
      alertInstanceKey(a.indicator_code, a.region_code),
      { status: a.status, consecutive: 0, firedAt: null, lastNotifiedAt: null, since: "" },
    ]),
  );
  const { dropped } = reconcileRuleEdit(states, rule, {
    indicators: program.indicators,
    nationCode: program.nation.code,
  });
  const droppedIds = instances
    .filter((a) => dropped.includes(alertInstanceKey(a.indicator_code, a.region_code)))
    .map((a) => a.id);
  await retireAlerts(trx, droppedIds, now, actorFields(actor).actor, "rule_edited");
  await recordAudit(trx, {
    ...actorFields(actor),
    action: "alert_rule.update",
    entityType: "alert_rule",
    entityId: id,
    before: before.rule,
    after: { ...rule, retiredAlerts: droppedIds.length },
  });
  return toStored(row as RuleRow);
}

/** Deletes a rule (kept for the history of its alerts) and retires its alerts. */
export async function deleteAlertRule(
  trx: Trx,
  id: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  await lockRule(trx, id);
  const before = await findAlertRule(trx, id);
  if (!before) return false;
  await trx
    .updateTable("alert_rules")
    .set({ deleted_at: now, enabled: false, updated_at: now })
    .where("id", "=", id)
    .execute();
  const ids = await trx
    .selectFrom("alerts")
    .select("id")
    .where("rule_id", "=", id)
    .where("retired_at", "is", null)
    .execute();
  await retireAlerts(
    trx,
    ids.map((r) => r.id),
    now,
    actorFields(actor).actor,
    "rule_deleted",
  );
  await recordAudit(trx, {
    ...actorFields(actor),
    action: "alert_rule.delete",
    entityType: "alert_rule",
    entityId: id,
    before: before.rule,
  });
  return true;
}

/** Serialises everything that changes one rule's alerts (evaluations, edits, deletion). */
export async function lockRule(trx: Trx, id: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`alert-rule:${id}`}))`.execute(trx);
}

async function retireAlerts(
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

/** One alert a rule would watch, and whether its condition holds now. */
export interface RulePreviewRow {
  indicator: string;
  region: string;
  level: string;
  trajectory: string;
  value: number | null;
  holds: boolean;
}

/**
 * Which indicator × place pairs a (not yet saved) rule watches and whether its condition holds,
 * judged on the statuses as of `asOf` computed from the stored figures: the editor's preview.
 */
export async function previewAlertRule(
  db: Conn,
  programCode: string,
  rule: AlertRule,
  asOf: IsoDate,
): Promise<{ watched: number; holding: number; rows: RulePreviewRow[] }> {
  const program = await programOf(db, programCode);
  assertScopeKnown(program, rule);
  const indicators = program.indicators.filter((i) => matchesIndicatorScope(rule, i));
  if (indicators.length === 0) return { watched: 0, holding: 0, rows: [] };
  const figuresOf = await listStoredFigures(db, { indicators: indicators.map((i) => i.code) });
  const rows: RulePreviewRow[] = [];
  for (const indicator of indicators) {
    const figures = figuresOf.get(indicator.code) ?? [];
    for (const region of placesOf(program, indicator)) {
      if (!matchesScope(rule, indicator, region, program.nation.code)) continue;
      const { status } = evaluateIndicator({ program, indicator, figures, region, asOf });
      const result = evaluateCondition(rule.condition, status);
      rows.push({
        indicator: indicator.code,
        region,
        level: status.current.level,
        trajectory: status.trajectory.level,
        value: result.value,
        holds: result.holds,
      });
    }
  }
  // Holding first, then in programme order (the loops above already follow it).
  rows.sort((a, b) => Number(b.holds) - Number(a.holds));
  return { watched: rows.length, holding: rows.filter((r) => r.holds).length, rows };
}
