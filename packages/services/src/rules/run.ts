/**
 * Editing alert rules: managers create, edit and delete them (audited, with the alerts an edit
 * no longer watches retired), programme files ship them by key, and the editor previews them.
 */
import {
  type Actor,
  actorFields,
  type Database,
  findAlertRuleRow,
  insertAlertRule,
  listAlertRuleRows,
  listExistingUsernames,
  listLiveAlertsOfRule,
  listStoredFigures,
  loadProgramDefinitions,
  lockRule,
  markAlertRuleDeleted,
  recordAudit,
  retireAlerts,
  updateAlertRuleDefinition,
} from "@spm/db";
import type { AlertRule, IsoDate, ProgramDefinition } from "@spm/kpi";
import type { Kysely, Transaction } from "kysely";
import { ServiceError } from "../errors";
import { figuresCounted } from "../status/figures";
import {
  alertsDroppedByEdit,
  assertScopeKnown,
  assertUsersKnown,
  indicatorsWatched,
  previewRule,
  type RulePreview,
  readStoredRule,
  type StoredAlertRule,
  shippedRules,
  toStoredRule,
  type UnreadableRule,
} from "./compute";

type Conn = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** Lists the rules (not deleted), optionally of one programme, oldest first. */
export async function listAlertRules(
  db: Conn,
  filter: { programCode?: string; enabledOnly?: boolean } = {},
): Promise<StoredAlertRule[]> {
  return (await listAlertRuleRows(db, filter)).map(toStoredRule);
}

/**
 * The enabled rules to evaluate, and those whose stored definition cannot be read: they are
 * skipped and reported, so that one bad rule does not stop every other rule's alerts.
 */
export async function listEvaluableAlertRules(
  db: Conn,
): Promise<{ rules: StoredAlertRule[]; unreadable: UnreadableRule[] }> {
  const rules: StoredAlertRule[] = [];
  const unreadable: UnreadableRule[] = [];
  for (const row of await listAlertRuleRows(db, { enabledOnly: true })) {
    const read = readStoredRule(row);
    if (read.ok) rules.push(read.stored);
    else unreadable.push(read.unreadable);
  }
  return { rules, unreadable };
}

/** One rule (not deleted), or undefined. */
export async function findAlertRule(db: Conn, id: string): Promise<StoredAlertRule | undefined> {
  const row = await findAlertRuleRow(db, id);
  return row && toStoredRule(row);
}

async function programOf(db: Conn, code: string): Promise<ProgramDefinition> {
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === code);
  if (!program) throw new ServiceError("not_found", `no programme ${code}`);
  return program;
}

async function assertRuleValid(db: Conn, program: ProgramDefinition, rule: AlertRule) {
  assertScopeKnown(program, rule);
  const names = rule.recipients.users ?? [];
  if (names.length > 0) assertUsersKnown(rule, await listExistingUsernames(db, names));
}

function auditRule(
  trx: Trx,
  actor: Actor,
  action: "create" | "update" | "delete",
  id: string,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  return recordAudit(trx, {
    ...actorFields(actor),
    action: `alert_rule.${action}`,
    entityType: "alert_rule",
    entityId: id,
    ...change,
  });
}

/** Creates a rule written by a manager, audited in the same transaction. */
export async function createAlertRule(
  trx: Trx,
  input: { programCode: string; rule: AlertRule },
  actor: Actor,
): Promise<StoredAlertRule> {
  await assertRuleValid(trx, await programOf(trx, input.programCode), input.rule);
  const stored = await insertRule(trx, input.programCode, null, input.rule, actor);
  if (!stored) throw new ServiceError("conflict", "the rule could not be created");
  return stored;
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
  for (const { key, rule } of shippedRules(def)) {
    if (await insertRule(trx, def.code, key, rule, actor)) created += 1;
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
): Promise<StoredAlertRule | undefined> {
  const row = await insertAlertRule(trx, {
    programCode,
    key,
    name: rule.name,
    definition: rule,
    enabled: rule.enabled,
    createdBy: actorFields(actor).actor,
  });
  if (!row) return undefined;
  await auditRule(trx, actor, "create", row.id, {
    after: { programCode, ...(key ? { key } : {}), ...rule },
  });
  return toStoredRule(row);
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
  await assertRuleValid(trx, program, rule);
  const row = await updateAlertRuleDefinition(
    trx,
    id,
    { name: rule.name, definition: rule, enabled: rule.enabled },
    now,
  );
  const droppedIds = alertsDroppedByEdit(await listLiveAlertsOfRule(trx, id), rule, program);
  await retireAlerts(trx, droppedIds, now, actorFields(actor).actor, "rule_edited");
  await auditRule(trx, actor, "update", id, {
    before: before.rule,
    after: { ...rule, retiredAlerts: droppedIds.length },
  });
  return toStoredRule(row);
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
  await markAlertRuleDeleted(trx, id, now);
  const live = await listLiveAlertsOfRule(trx, id);
  await retireAlerts(
    trx,
    live.map((a) => a.id),
    now,
    actorFields(actor).actor,
    "rule_deleted",
  );
  await auditRule(trx, actor, "delete", id, { before: before.rule });
  return true;
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
  mayReadConfidential: boolean,
): Promise<RulePreview> {
  const program = await programOf(db, programCode);
  assertScopeKnown(program, rule);
  const indicators = indicatorsWatched(program, rule);
  if (indicators.length === 0) return { watched: 0, holding: 0, rows: [] };
  const stored = await listStoredFigures(db, { indicators: indicators.map((i) => i.code) });
  // The figures the statuses count (statusFrom: approved counts approved units' only).
  const figuresOf = new Map(
    await Promise.all(
      [...stored].map(async ([code, f]) => [code, await figuresCounted(db, program, f)] as const),
    ),
  );
  return previewRule(program, rule, figuresOf, asOf, mayReadConfidential);
}
