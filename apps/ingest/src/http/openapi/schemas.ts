import type { NotificationChannel, NotificationKind, NotificationStatus } from "@spm/db";
import { ALERT_STATUSES, alertRuleFieldsSchema, LOCALES } from "@spm/kpi";
import { z } from "zod";

// The shapes the API answers with, for its OpenAPI document (the routers build them; the
// contract test checks real answers against these). Objects stay open: a new field is not a
// breaking change for a reader.

const when = z.string().describe("an ISO 8601 date-time");
const nullableWhen = when.nullable();
const figure = z.number().nullable();
const target = z.union([z.number(), z.tuple([z.number(), z.number()])]).nullable();

/** RFC 9457 problem details, as every error is answered. */
export const problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional().describe("a stable code for the error, where one applies"),
  invalid: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe("every bad field of the request, and why"),
});

const translated = z.partialRecord(z.enum(LOCALES), z.string()).or(z.string());

/** The status shape of DESIGN.md: `reason` is the explanation text, `reasonCode` the rule. */
export const status = z.looseObject({
  current: z.looseObject({
    level: z.string(),
    year: z.number().int().nullable(),
    actual: figure,
    target,
    baseline: figure,
    ratio: figure,
    reason: z.string(),
    reasonCode: z.string(),
  }),
  trajectory: z.looseObject({
    level: z.string(),
    method: z.string(),
    projected: figure,
    target,
    ratio: figure,
    reason: z.string(),
    reasonCode: z.string(),
    progressStatus: z.string().nullable(),
    score: figure,
    progress: figure,
  }),
  inputs: z.unknown(),
  withheld: z.unknown().describe("which parts' numbers were withheld from this reader"),
});

const latest = z.unknown().describe("the latest figure, or null");

const reportedOn = z
  .string()
  .nullable()
  .describe("the day whose knowledge of the figures was used; null: the figures as they are");

export const indicatorList = z.looseObject({
  asOf: z.string(),
  reportedOn,
  region: z.string().nullable(),
  indicators: z.array(
    z.looseObject({
      code: z.string(),
      program: z.string(),
      direction: z.string().nullable(),
      name: translated,
      unit: z.string(),
      polarity: z.string(),
      latest,
      status,
    }),
  ),
});

export const indicator = z.looseObject({
  code: z.string(),
  program: z.string(),
  region: z.string().nullable(),
  asOf: z.string(),
  reportedOn,
  series: z.array(z.unknown()),
  latest,
  status,
});

export const observations = z.looseObject({
  indicator: z.string(),
  observations: z.array(
    z.looseObject({
      period: z.string(),
      region: z.string(),
      value: figure,
      flag: z.string().nullable(),
      note: z.string().nullable(),
      source: z.string().nullable(),
      revisions: z.number().int(),
      updatedAt: when,
      withheld: z.boolean(),
    }),
  ),
});

export const upload = z.looseObject({
  id: z.string(),
  kind: z.string(),
  filename: z.string().nullable(),
  format: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.string(),
  counts: z.object({
    received: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  errors: z.array(z.looseObject({ code: z.string().nullable() })),
  warnings: z.array(
    z.looseObject({ row: z.number().int(), code: z.string(), message: z.string() }),
  ),
  statusChanges: z.unknown(),
  failureReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: when,
  startedAt: nullableWhen,
  finishedAt: nullableWhen,
});

export const uploadList = z.looseObject({ uploads: z.array(upload) });

export const programs = z.looseObject({
  programs: z.array(z.looseObject({ code: z.string(), name: translated })),
});

/** An alert as listed and shown: its rule, where it fires, since when, who acknowledged it. */
export const alert = z.looseObject({
  id: z.string(),
  rule: z.looseObject({ id: z.string(), name: z.string(), deleted: z.boolean() }),
  programCode: z.string(),
  indicator: z.string(),
  region: z.string(),
  status: z.enum(ALERT_STATUSES),
  since: when,
  firedAt: nullableWhen,
  lastNotifiedAt: nullableWhen,
  value: figure,
  level: z.string().nullable(),
  evaluatedAt: when,
  acknowledged: z.looseObject({ by: z.string(), comment: z.string(), at: z.string() }).nullable(),
  silencedUntil: nullableWhen,
  retired: z.boolean(),
});

export const alertList = z.looseObject({ alerts: z.array(alert) });
export const oneAlert = z.looseObject({ alert });

export const notifications = z.looseObject({
  notifications: z.array(
    z.looseObject({
      id: z.string(),
      kind: z.string(),
      status: z.string(),
      createdAt: when,
      readAt: nullableWhen,
      payload: z.unknown(),
    }),
  ),
  unread: z.number().int(),
});

export const unreadCount = z.object({ unread: z.number().int() });
export const marked = z.object({ marked: z.number().int() });

const publicUser = z.looseObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: z.enum(["viewer", "steward", "manager", "admin"]),
  regions: z.array(z.string()).nullable(),
  confidential: z.boolean(),
  lang: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: when,
});

export const me = z.union([
  z.object({ kind: z.literal("user"), user: publicUser }),
  z.object({
    kind: z.literal("token"),
    token: z.looseObject({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      regions: z.array(z.string()).nullable().optional(),
      confidential: z.boolean(),
    }),
  }),
]);

export const oneUser = z.object({ user: publicUser });
export const users = z.looseObject({ users: z.array(publicUser) });

/** Any JSON object: the OpenAPI document itself (checked as OpenAPI 3.1 apart). */
export const anyObject = z.looseObject({});

export const alive = z.object({ status: z.literal("ok") });
export const ready = z.object({
  status: z.enum(["ready", "degraded"]),
  postgres: z.enum(["up", "down"]),
  redis: z.enum(["up", "down"]),
});

/** A programme's definition loaded (services' ImportResult). */
export const programImported = z.looseObject({
  status: z.enum(["created", "updated", "unchanged"]),
  code: z.string(),
  indicators: z.number().int(),
  retired: z.array(z.string()),
  history: z.object({
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  }),
});

/** A stored alert rule (services' StoredAlertRule): the rule as its schema reads it, defaults filled. */
const storedRule = z.looseObject({
  id: z.string(),
  programCode: z.string(),
  key: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: when,
  updatedAt: when,
  rule: alertRuleFieldsSchema,
});
export const ruleList = z.looseObject({ rules: z.array(storedRule) });
export const oneRule = z.looseObject({ rule: storedRule });

/** What a rule would fire now (services' RulePreview). */
export const rulePreview = z.looseObject({
  watched: z.number().int(),
  holding: z.number().int(),
  rows: z.array(
    z.looseObject({
      indicator: z.string(),
      region: z.string(),
      level: z.string(),
      trajectory: z.string(),
      value: figure,
      holds: z.boolean(),
    }),
  ),
});

// The notifications table's kinds, channels and states (packages/db's NotificationKind etc.).
const noticeKind = z.enum([
  "firing",
  "repeat",
  "resolved",
  "digest",
  "reminder_due",
  "reminder_overdue",
  "approval_returned",
]);
const noticeStatus = z.enum(["pending", "sent", "outbox", "failed", "unread", "read"]);
const noticeChannel = z.enum(["email", "webhook", "in_app"]);
// A kind, state or channel added to the table and not here fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameAsTable: [
  Same<z.infer<typeof noticeKind>, NotificationKind>,
  Same<z.infer<typeof noticeStatus>, NotificationStatus>,
  Same<z.infer<typeof noticeChannel>, NotificationChannel>,
] = [true, true, true];

/** Where and how each notice went; not its body (the outbox is for admins). */
export const deliveries = z.looseObject({
  deliveries: z.array(
    z.looseObject({
      id: z.string(),
      kind: noticeKind,
      channel: noticeChannel,
      alertId: z.string().nullable(),
      address: z.string().nullable(),
      status: noticeStatus,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: when,
      sentAt: nullableWhen,
    }),
  ),
});

/** E-mails kept: the message, whose body is withheld from a reader without `confidential`. */
export const outbox = z.looseObject({
  emails: z.array(
    z.looseObject({
      id: z.string(),
      kind: noticeKind,
      to: z.string().nullable(),
      lang: z.string(),
      status: noticeStatus,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: when,
      sentAt: nullableWhen,
      message: z.looseObject({ subject: z.string() }).nullable(),
      withheld: z.boolean(),
    }),
  ),
});

/** An upload taken: its report is at `Location` (`/api/v1/uploads/{id}`). */
export const accepted = z.looseObject({ uploadId: z.string(), status: z.string() });

const tokenInfo = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(["viewer", "steward", "manager", "admin"]),
  regions: z.array(z.string()).nullable(),
  confidential: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: when,
  expiresAt: nullableWhen,
  revokedAt: nullableWhen,
  lastUsedAt: nullableWhen,
});
export const tokens = z.looseObject({ tokens: z.array(tokenInfo) });
export const changedToken = z.looseObject({ info: tokenInfo });
/** A token created: its secret, shown this once, and what it is. */
export const createdToken = z.looseObject({ token: z.string(), info: tokenInfo });

/** The audit log, newest first: who did what to which entity, before and after. */
export const audit = z.looseObject({
  entries: z.array(
    z.looseObject({
      id: z.string(),
      at: when,
      actor: z.string(),
      action: z.string(),
      entity_type: z.string(),
      entity_id: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      request_id: z.string().nullable(),
      ip: z.string().nullable(),
    }),
  ),
});

export const reportSchedule = z.looseObject({
  id: z.string(),
  program: z.string(),
  region: z.string().nullable(),
  lang: z.string(),
  frequency: z.enum(["monthly", "quarterly"]),
  recipients: z.array(z.string()),
  createdBy: z.string(),
  nextRunAt: z.string(),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export const reportSchedules = z.looseObject({ schedules: z.array(reportSchedule) });
