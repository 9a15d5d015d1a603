/**
 * Alert rules as data: a stored row parsed into its definition, the checks a rule's scope must
 * pass, which alerts an edit retires, and the editor's preview, all from plain values.
 */
import type { AlertInstanceStatus, AlertRuleRow } from "@spm/db";
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
  type StoredFigure,
  showEvaluation,
} from "@spm/kpi";
import { ServiceError } from "../errors";

/** A stored rule: its definition (defaults applied) and its bookkeeping. */
export type StoredAlertRule = Omit<AlertRuleRow, "definition"> & { rule: AlertRule };

/** Parses a stored row's definition into a rule. */
export function toStoredRule({ definition, ...row }: AlertRuleRow): StoredAlertRule {
  // Stored definitions passed the schema when written; parsing again applies new defaults.
  return { ...row, rule: alertRuleSchema.parse(definition) };
}

/** A stored rule whose definition no longer passes the schema (written by hand or an old version). */
export interface UnreadableRule {
  id: string;
  reason: string;
}

/** Parses a stored row's definition, or says why it cannot be read. */
export function readStoredRule(
  row: AlertRuleRow,
): { ok: true; stored: StoredAlertRule } | { ok: false; unreadable: UnreadableRule } {
  const parsed = alertRuleSchema.safeParse(row.definition);
  if (parsed.success) {
    const { definition: _definition, ...rest } = row;
    return { ok: true, stored: { ...rest, rule: parsed.data } };
  }
  const reason = parsed.error.issues
    .map((issue) => `${issue.path.join(".") || "definition"}: ${issue.message}`)
    .join("; ");
  return { ok: false, unreadable: { id: row.id, reason } };
}

/** The rules a programme file ships, by key, with their defaults applied. */
export function shippedRules(def: ProgramDefinition): { key: string; rule: AlertRule }[] {
  return def.alertRules.map(({ key, ...fields }) => ({ key, rule: alertRuleSchema.parse(fields) }));
}

/** Refuses a rule whose scope names what its programme does not have. */
export function assertScopeKnown(program: ProgramDefinition, rule: AlertRule): void {
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
    throw new ServiceError(
      "invalid_rule",
      problems.map((p) => `${p.path}: ${p.message}`).join("; "),
      problems,
    );
}

/** Refuses a rule that names accounts that do not exist (a typo would tell nobody). */
export function assertUsersKnown(rule: AlertRule, existing: readonly string[]): void {
  const known = new Set(existing.map((u) => u.toLowerCase()));
  const unknown = (rule.recipients.users ?? []).filter((n) => !known.has(n.toLowerCase()));
  if (unknown.length > 0)
    throw new ServiceError(
      "invalid_rule",
      `recipients.users: no such user ${unknown.join(", ")}`,
      unknown.map((u) => ({ path: "recipients.users", message: `no such user "${u}"` })),
    );
}

/** The alerts (of those live) that an edited rule no longer watches. */
export function alertsDroppedByEdit(
  live: { id: string; indicator: string; region: string; status: AlertInstanceStatus }[],
  rule: AlertRule,
  program: ProgramDefinition,
): string[] {
  const states = new Map<AlertInstanceKey, AlertState>(
    live.map((a) => [
      alertInstanceKey(a.indicator, a.region),
      { status: a.status, consecutive: 0, firedAt: null, lastNotifiedAt: null, since: "" },
    ]),
  );
  const { dropped } = reconcileRuleEdit(states, rule, {
    indicators: program.indicators,
    nationCode: program.nation.code,
  });
  return live
    .filter((a) => dropped.includes(alertInstanceKey(a.indicator, a.region)))
    .map((a) => a.id);
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

export interface RulePreview {
  watched: number;
  holding: number;
  rows: RulePreviewRow[];
}

/** The indicators of a programme a rule's scope names. */
export function indicatorsWatched(program: ProgramDefinition, rule: AlertRule) {
  return program.indicators.filter((i) => matchesIndicatorScope(rule, i));
}

/**
 * Which indicator × place pairs a rule watches and whether its condition holds, judged on the
 * statuses as of `asOf` computed from the given figures (by indicator code).
 */
export function previewRule(
  program: ProgramDefinition,
  rule: AlertRule,
  figuresOf: ReadonlyMap<string, StoredFigure[]>,
  asOf: IsoDate,
  mayReadConfidential: boolean,
): RulePreview {
  const rows: RulePreviewRow[] = [];
  for (const indicator of indicatorsWatched(program, rule)) {
    const figures = figuresOf.get(indicator.code) ?? [];
    for (const region of placesOf(program, indicator)) {
      if (!matchesScope(rule, indicator, region, program.nation.code)) continue;
      const evaluation = evaluateIndicator({ program, indicator, figures, region, asOf });
      const { status } = evaluation;
      const result = evaluateCondition(rule.condition, status);
      const shown = showEvaluation(evaluation, mayReadConfidential);
      rows.push({
        indicator: indicator.code,
        region,
        level: status.current.level,
        trajectory: status.trajectory.level,
        value: shown.withheld.current ? null : result.value,
        holds: result.holds,
      });
    }
  }
  // Holding first, then in programme order (the loops above already follow it).
  rows.sort((a, b) => Number(b.holds) - Number(a.holds));
  return { watched: rows.length, holding: rows.filter((r) => r.holds).length, rows };
}
