/**
 * Alert rules of DESIGN.md ("Alerts"): which indicators and places a rule watches (scope), what
 * it watches for (condition), and how it notifies. Pure: statuses come in, booleans go out.
 */
import { z } from "zod";
import { LOCALES } from "./locales";
import { PLACE_CODE } from "./place-code";
import {
  CURRENT_LEVELS,
  type CurrentStatus,
  TRAJECTORY_LEVELS,
  type TrajectoryStatus,
} from "./status-types";

/** The channels a rule can notify through. */
export const ALERT_CHANNELS = ["email", "webhook", "in_app"] as const;
/** One notification channel. */
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** The kinds of condition a rule can watch for. */
export const ALERT_CONDITION_KINDS = [
  "status_is",
  "trajectory_is",
  "value_above",
  "value_below",
  "overdue",
] as const;
/** One kind of condition. */
export type AlertConditionKind = (typeof ALERT_CONDITION_KINDS)[number];

/** Roles whose every active account a rule can notify. */
export const ALERT_RECIPIENT_ROLES = ["viewer", "steward", "manager", "admin"] as const;

/** One day: how often a still-firing alert is repeated unless the rule says otherwise. */
export const DEFAULT_REPEAT_INTERVAL_MINUTES = 1440;

const nonEmpty = z.string().trim().min(1);

const indicatorScopeSchema = z.union([
  z.literal("all"),
  z.strictObject({ direction: nonEmpty }),
  z.strictObject({ indicator: nonEmpty }),
]);

const regionScopeSchema = z.union([
  z.literal("national"),
  z.literal("all"),
  z.strictObject({ region: z.string().regex(PLACE_CODE) }),
]);

/** What a rule watches for, discriminated on `kind`. */
export const alertConditionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("status_is"), levels: z.array(z.enum(CURRENT_LEVELS)).min(1) }),
  z.strictObject({
    kind: z.literal("trajectory_is"),
    levels: z.array(z.enum(TRAJECTORY_LEVELS)).min(1),
  }),
  z.strictObject({ kind: z.literal("value_above"), value: z.number().finite() }),
  z.strictObject({ kind: z.literal("value_below"), value: z.number().finite() }),
  z.strictObject({ kind: z.literal("overdue") }),
]);

/** The fields of a rule, before the cross-field checks (extend this one, not the rule). */
export const alertRuleFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scope: z.strictObject({ indicators: indicatorScopeSchema, regions: regionScopeSchema }),
  condition: alertConditionSchema,
  /** Consecutive evaluations the condition must hold before the alert fires (1 = at once). */
  for: z.number().int().min(1).max(1000).default(1),
  channels: z.array(z.enum(ALERT_CHANNELS)).min(1),
  /**
   * Who is told: accounts by username, every active account of a role, e-mail addresses, and
   * webhook URLs (signed with the installation's webhook secret).
   */
  recipients: z
    .strictObject({
      users: z.array(nonEmpty).optional(),
      roles: z.array(z.enum(ALERT_RECIPIENT_ROLES)).optional(),
      addresses: z.array(z.email()).optional(),
      webhooks: z.array(z.url({ protocol: /^https?$/ })).optional(),
    })
    .default({}),
  /** The language of e-mails to bare addresses and of webhook texts (accounts get their own). */
  locale: z.enum(LOCALES).default("en"),
  repeatIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 366)
    .default(DEFAULT_REPEAT_INTERVAL_MINUTES),
  sendResolved: z.boolean().default(true),
  enabled: z.boolean().default(true),
});

/** A rule as managers define it through the API and the rule editor. */
export const alertRuleSchema = alertRuleFieldsSchema.superRefine(checkRecipients);

/** A rule shipped in a programme file: a rule with a key that names it within the programme. */
export const programAlertRuleSchema = alertRuleFieldsSchema
  .extend({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits, -") })
  .superRefine(checkRecipients);

/** Every channel of a rule must have someone to reach. */
function checkRecipients(
  rule: Pick<z.output<typeof alertRuleFieldsSchema>, "channels" | "recipients">,
  ctx: z.RefinementCtx,
): void {
  const r = rule.recipients;
  const people = (r.users?.length ?? 0) + (r.roles?.length ?? 0);
  const need: [AlertChannel, number, string][] = [
    ["email", people + (r.addresses?.length ?? 0), "users, roles or addresses"],
    ["in_app", people, "users or roles"],
    ["webhook", r.webhooks?.length ?? 0, "webhooks"],
  ];
  for (const [channel, count, what] of need) {
    if (rule.channels.includes(channel) && count === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["recipients"],
        message: `the ${channel} channel needs recipients: ${what}`,
      });
    }
  }
}

/** A rule as stored and evaluated (defaults applied). */
export type AlertRule = z.output<typeof alertRuleSchema>;
/** A rule as managers send it (defaulted fields may be left out). */
export type AlertRuleInput = z.input<typeof alertRuleSchema>;
/** Which indicators and places a rule watches. */
export type AlertScope = AlertRule["scope"];
/** A parsed condition. */
export type AlertCondition = z.output<typeof alertConditionSchema>;

/** What scope matching needs to know of an indicator. */
export interface AlertIndicator {
  code: string;
  direction: string;
}

/** The part of a status a condition reads. */
export interface AlertStatusInput {
  current: Pick<CurrentStatus, "level" | "actual">;
  trajectory: Pick<TrajectoryStatus, "level">;
}

/** Whether a condition holds, and the actual value it was judged on. */
export type ConditionResult = { holds: boolean; value: number | null };

/**
 * Whether a rule watches an indicator at a place (`region` is the nation code for national
 * figures); regions `"all"` covers the nation and every region.
 */
export function matchesScope(
  rule: { scope: AlertScope },
  indicator: AlertIndicator,
  region: string,
  nationCode: string,
): boolean {
  const { regions } = rule.scope;
  if (!matchesIndicatorScope(rule, indicator)) return false;
  if (regions === "all") return true;
  if (regions === "national") return region === nationCode;
  return regions.region === region;
}

/** Whether a rule watches an indicator at some place (the indicator half of its scope). */
export function matchesIndicatorScope(
  rule: { scope: AlertScope },
  indicator: AlertIndicator,
): boolean {
  const { indicators } = rule.scope;
  return (
    indicators === "all" ||
    ("direction" in indicators
      ? indicators.direction === indicator.direction
      : indicators.indicator === indicator.code)
  );
}

/**
 * Whether a condition holds for a status, with the actual value it was judged on; a missing
 * actual never crosses a value line (`overdue` covers missing figures).
 */
export function evaluateCondition(
  condition: AlertCondition,
  status: AlertStatusInput,
): ConditionResult {
  const value = status.current.actual;
  switch (condition.kind) {
    case "status_is":
      return { holds: condition.levels.includes(status.current.level), value };
    case "trajectory_is":
      return { holds: condition.levels.includes(status.trajectory.level), value };
    case "value_above":
      return { holds: value !== null && value > condition.value, value };
    case "value_below":
      return { holds: value !== null && value < condition.value, value };
    case "overdue":
      return { holds: status.current.level === "overdue", value };
  }
}
