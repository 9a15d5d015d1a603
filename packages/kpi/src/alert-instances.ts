/**
 * Alert instances: one per rule × indicator × region, keyed `${indicator}|${region}` within a
 * rule, and what a rule edit does to their states.
 */
import { type AlertIndicator, type AlertScope, matchesScope } from "./alert-rules";
import type { AlertState } from "./alert-state";

/** `${indicator}|${region}`, where region is the nation code for national figures. */
export type AlertInstanceKey = string;

/** The key of the alert instance of an indicator at a place, within one rule. */
export function alertInstanceKey(indicator: string, region: string): AlertInstanceKey {
  return `${indicator}|${region}`;
}

/** Splits an instance key into its indicator code and place, or null if it is not one. */
export function parseAlertInstanceKey(
  key: AlertInstanceKey,
): { indicator: string; region: string } | null {
  const parts = key.split("|");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { indicator: parts[0], region: parts[1] };
}

/** What `reconcileRuleEdit` needs to match instances against the edited rule. */
export interface RuleEditContext {
  /** The programme's indicators (for their directions). */
  indicators: readonly AlertIndicator[];
  nationCode: string;
}

/** The instance states an edit keeps, and the keys it drops. */
export interface RuleEditResult {
  kept: Map<AlertInstanceKey, AlertState>;
  /** Keys of instances the edited rule no longer matches (or that name unknown indicators). */
  dropped: AlertInstanceKey[];
}

/**
 * Keeps the states of the instances an edited rule still matches and drops the others, so an
 * edit neither re-fires nor forgets alerts that are still in scope.
 */
export function reconcileRuleEdit(
  previousStates: ReadonlyMap<AlertInstanceKey, AlertState>,
  newRule: { scope: AlertScope },
  matches: RuleEditContext,
): RuleEditResult {
  const byCode = new Map(matches.indicators.map((indicator) => [indicator.code, indicator]));
  const kept = new Map<AlertInstanceKey, AlertState>();
  const dropped: AlertInstanceKey[] = [];
  for (const [key, state] of previousStates) {
    const parsed = parseAlertInstanceKey(key);
    const indicator = parsed ? byCode.get(parsed.indicator) : undefined;
    if (
      parsed &&
      indicator &&
      matchesScope(newRule, indicator, parsed.region, matches.nationCode)
    ) {
      kept.set(key, state);
    } else {
      dropped.push(key);
    }
  }
  return { kept, dropped };
}
