import { parseSecretsKey, parseTrustedProxies } from "@spm/services";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL"),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_HOST: z.string().default("127.0.0.1"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default("spm"),
  // A nodemailer URL (smtp://host:port for a local relay); unset keeps e-mails in the outbox.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().default("State Program Monitor <monitor@localhost>"),
  // The dashboard's address, for links in e-mails and webhooks.
  APP_URL: z.url().default("http://localhost:3000"),
  // Signs webhook bodies (HMAC-SHA256); webhooks are refused without it.
  WEBHOOK_SECRET: z
    .string()
    .min(16, "at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Lets webhooks reach loopback and private addresses (a receiver on the same network).
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // Seals the credentials of sources (AES-256-GCM): 32 bytes as 64 hex digits or base64. Unset,
  // sources without a credential still work and one with a credential cannot be saved.
  SECRETS_KEY: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const key = parseSecretsKey(text);
      if (key) return key;
      ctx.addIssue({ code: "custom", message: "32 bytes as 64 hex digits or base64" });
      return z.NEVER;
    }),
  // Lets sources reach loopback and private addresses (a DHIS2 on the same network, tests).
  SOURCES_ALLOW_PRIVATE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // The deadline of one pull, from connecting to the last byte.
  SOURCE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  // How often the worker looks for sources whose pull is due.
  SOURCES_CHECK_EVERY_MS: z.coerce.number().int().min(500).default(60_000),
  // How often every alert rule is evaluated with no upload (repeats, silences, `overdue`).
  ALERT_EVALUATE_EVERY_MS: z.coerce.number().int().min(500).default(300_000),
  // Tries of an e-mail or webhook delivery before it is marked failed.
  NOTIFY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  // When the daily jobs run (status refresh 00:05, reminders 09:00), as an IANA time zone.
  SCHEDULE_TZ: z.string().default("UTC"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Origins (besides the request's own host) whose pages may post with the session cookie.
  APP_ORIGINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  // How soon a crashed worker's job is taken over (BullMQ lock and stalled-job check).
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(500).default(60_000),
  // An upload younger than this may still be on its way into Redis from the API.
  RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  // Where a worker serves its own Prometheus metrics; unset = not served.
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(200),
  // Proxies whose X-Forwarded-For the API believes: the dashboard's forwarder (on the same host
  // by default) and whatever sits in front of it; addresses, CIDR ranges, loopback, uniquelocal.
  TRUSTED_PROXIES: trustedProxies("loopback"),
  // Where the API's report renderer (headless Chromium) opens the dashboard's report page: the
  // dashboard as the API reaches it, APP_URL when unset.
  REPORT_RENDER_URL: z.url().optional(),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  // A report PDF's render may take this long; the cache of rendered PDFs holds this many MB.
  REPORT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  REPORT_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(128),
  // How uploads are staged: `copy` (COPY into narrow columns) or `insert` (multi-row inserts of
  // jsonb, as before); a switch so one benchmark run can show the step's own gain.
  INGEST_STAGE: z.enum(["copy", "insert"]).default("copy"),
  // How the worker records its rows' outcomes: `chunk` (one row a chunk, the upload's watermark)
  // or `row` (an UPDATE of every staged row, as before).
  INGEST_OUTCOMES: z.enum(["chunk", "row"]).default("chunk"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

function trustedProxies(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const parsed = parseTrustedProxies(text);
      if (parsed.ok) return parsed.list;
      ctx.addIssue({ code: "custom", message: `not an address or range: ${parsed.bad}` });
      return z.NEVER;
    });
}

/** Reads and validates the environment once, failing fast with every problem named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
