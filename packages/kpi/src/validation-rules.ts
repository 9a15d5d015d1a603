/**
 * Validation rules of an indicator (the programme file's `validation:` list) and the built-in
 * `outlier` warning, checked on the figures of an upload against the figures already stored.
 * Messages quote the sent value and the rule's own limits only, never another stored figure
 * (it may be confidential).
 */
import { z } from "zod";
import { type Period, parsePeriod } from "./periods";
import { OUTLIER_MIN_POINTS, OUTLIER_SIGMAS, type QualityCode } from "./quality-codes";
import { atLeast } from "./rules";

export const VALIDATION_RULE_KINDS = [
  "min",
  "max",
  "change_max_pct",
  "regions_sum_max_national",
] as const;
export type ValidationRuleKind = (typeof VALIDATION_RULE_KINDS)[number];
export const RULE_SEVERITIES = ["error", "warning"] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

const severity = z.enum(RULE_SEVERITIES).default("error");

/** One rule of an indicator's `validation:` list; `error` (the default) rejects, `warning` keeps. */
export const validationRuleSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("min"), value: z.number().finite(), severity }),
  z.strictObject({ rule: z.literal("max"), value: z.number().finite(), severity }),
  z.strictObject({ rule: z.literal("change_max_pct"), value: z.number().finite().gt(0), severity }),
  z.strictObject({ rule: z.literal("regions_sum_max_national"), severity }),
]);
export type ValidationRule = z.infer<typeof validationRuleSchema>;

/** An indicator's rules: at most one of each kind. */
export const validationRulesSchema = z.array(validationRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.rule))
      ctx.addIssue({ code: "custom", path: [i, "rule"], message: `duplicate rule "${r.rule}"` });
    seen.add(r.rule);
  });
  const min = rules.find((r) => r.rule === "min");
  const max = rules.find((r) => r.rule === "max");
  if (min && max && min.value > max.value)
    ctx.addIssue({ code: "custom", path: [], message: "min must not exceed max" });
});

export interface QualityFinding {
  code: QualityCode;
  severity: RuleSeverity;
  params: Readonly<Record<string, string | number>>;
}

/** A figure: sent in a row, or stored already. */
export interface QualityFigure {
  indicator: string;
  region: string;
  period: string;
  value: number;
}

/** What the checks need to know of an indicator. */
export interface QualityIndicator {
  rules: readonly ValidationRule[];
  nation: string;
  regions: ReadonlySet<string>;
}

/** A sent row's outcome: errors (it is not applied) and warnings (it is applied and noted). */
export interface QualityOutcome {
  errors: QualityFinding[];
  warnings: QualityFinding[];
}

const keyOf = (f: { indicator: string; region: string; period: string }) =>
  `${f.indicator}|${f.region}|${f.period}`;

/**
 * Checks sent figures in order against the stored ones: each row is checked against the figures
 * as they stand after the earlier rows (a rejected row changes nothing); one outcome a row.
 */
export function checkFigureQuality(
  rows: readonly QualityFigure[],
  stored: readonly QualityFigure[],
  indicatorOf: (code: string) => QualityIndicator | undefined,
): QualityOutcome[] {
  const state = new FigureState(stored);
  return rows.map((row) => {
    const ind = indicatorOf(row.indicator);
    const outcome: QualityOutcome = { errors: [], warnings: [] };
    if (!ind) return outcome;
    for (const rule of ind.rules) {
      const found = checkRule(rule, row, ind, state);
      if (found) (rule.severity === "error" ? outcome.errors : outcome.warnings).push(found);
    }
    if (outcome.errors.length > 0) return outcome;
    const outlier = outlierOf(row.value, state.history(row));
    if (outlier) outcome.warnings.push(outlier);
    state.set(row);
    return outcome;
  });
}

function checkRule(
  rule: ValidationRule,
  row: QualityFigure,
  ind: QualityIndicator,
  state: FigureState,
): QualityFinding | null {
  const found = (params: Record<string, string | number>): QualityFinding => ({
    code: `rule_${rule.rule}`,
    severity: rule.severity,
    params: { value: row.value, ...params },
  });
  switch (rule.rule) {
    case "min":
      return atLeast(row.value, rule.value) ? null : found({ min: rule.value });
    case "max":
      return atLeast(rule.value, row.value) ? null : found({ max: rule.value });
    case "change_max_pct": {
      const ref = state.reference(row);
      if (!ref || ref.value === 0) return null;
      const pct = (Math.abs(row.value - ref.value) / Math.abs(ref.value)) * 100;
      return atLeast(rule.value, pct) ? null : found({ max: rule.value, period: ref.period });
    }
    case "regions_sum_max_national":
      return exceedsNational(row, ind, state) ? found({}) : null;
  }
}

/** Whether the row makes the regions' sum for its period exceed the national figure. */
function exceedsNational(row: QualityFigure, ind: QualityIndicator, state: FigureState): boolean {
  const at = (region: string) => state.get({ ...row, region });
  const isNation = row.region === ind.nation;
  if (!isNation && !ind.regions.has(row.region)) return false;
  const national = isNation ? row.value : at(ind.nation);
  if (national === undefined) return false;
  let sum = 0;
  let any = false;
  for (const region of ind.regions) {
    const value = region === row.region ? row.value : at(region);
    if (value === undefined) continue;
    sum += value;
    any = true;
  }
  return any && !atLeast(national, sum);
}

/** The built-in warning: a value beyond 3 sample standard deviations of the place's history. */
export function outlierOf(value: number, history: readonly number[]): QualityFinding | null {
  const n = history.length;
  if (n < OUTLIER_MIN_POINTS) return null;
  const mean = history.reduce((s, v) => s + v, 0) / n;
  const variance = history.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const limit = OUTLIER_SIGMAS * Math.sqrt(variance);
  if (atLeast(limit, Math.abs(value - mean))) return null;
  return { code: "outlier", severity: "warning", params: { value, points: n } };
}

/** The period before a period of the same frequency. */
export function previousPeriodOf(period: Period): string {
  if (period.frequency === "yearly") return String(period.year - 1);
  if (period.frequency === "quarterly")
    return period.quarter === 1 ? `${period.year - 1}Q4` : `${period.year}Q${period.quarter - 1}`;
  if (period.month === 1) return `${period.year - 1}12`;
  return `${period.year}${String(period.month - 1).padStart(2, "0")}`;
}

/** The figures as they stand: by figure key, and by indicator-place for the history. */
class FigureState {
  private readonly values = new Map<string, number>();
  private readonly places = new Map<string, Map<string, number>>();

  constructor(stored: readonly QualityFigure[]) {
    for (const f of stored) this.set(f);
  }

  get(f: { indicator: string; region: string; period: string }): number | undefined {
    return this.values.get(keyOf(f));
  }

  set(f: QualityFigure): void {
    this.values.set(keyOf(f), f.value);
    const place = `${f.indicator}|${f.region}`;
    const periods = this.places.get(place) ?? new Map<string, number>();
    periods.set(f.period, f.value);
    this.places.set(place, periods);
  }

  /** The value a row replaces, or else its previous period's, with that period. */
  reference(row: QualityFigure): { value: number; period: string } | null {
    const same = this.get(row);
    if (same !== undefined) return { value: same, period: row.period };
    const parsed = parsePeriod(row.period);
    if (!parsed.ok) return null;
    const previous = previousPeriodOf(parsed.period);
    const value = this.get({ ...row, period: previous });
    return value === undefined ? null : { value, period: previous };
  }

  /** The place's other periods' values (the figure a row replaces is not its history). */
  history(row: QualityFigure): number[] {
    const periods = this.places.get(`${row.indicator}|${row.region}`);
    if (!periods) return [];
    return [...periods].filter(([p]) => p !== row.period).map(([, v]) => v);
  }
}
