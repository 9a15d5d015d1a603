import { createDb } from "@spm/db";
import client from "prom-client";
import { createApp } from "./app";
import { createLoginLimiter } from "./auth/login-limiter";
import { loadEnv } from "./env";
import { createLogger } from "./logger";
import { registerAlertMetrics, registerApiMetrics } from "./metrics";
import { createQueues } from "./queues";
import { createRedis } from "./redis";
import { createReportRenderer } from "./reports/renderer";

const env = loadEnv();
const logger = createLogger("api", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL);
const redis = createRedis(env.REDIS_URL);
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

// Its own connection that fails fast: with Redis away the API still answers 202 at once.
const queues = createQueues(createRedis(env.REDIS_URL, { failFast: true }), env.QUEUE_PREFIX);
registerApiMetrics(registry, { db, queues });
registerAlertMetrics(registry, { db });
const app = createApp({
  db,
  redis,
  logger,
  registry,
  limiter: createLoginLimiter(redis, env.QUEUE_PREFIX),
  policy: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
  allowedOrigins: env.APP_ORIGINS,
  trustedProxies: env.TRUSTED_PROXIES,
  appUrl: env.APP_URL,
  queues,
  maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
  notifyAttempts: env.NOTIFY_ATTEMPTS,
  sources: {
    key: env.SECRETS_KEY,
    allowPrivate: env.SOURCES_ALLOW_PRIVATE,
    timeoutMs: env.SOURCE_TIMEOUT_MS,
    stage: env.INGEST_STAGE,
  },
  reports: {
    renderer: createReportRenderer({
      chromiumPath: env.CHROMIUM_PATH,
      timeoutMs: env.REPORT_TIMEOUT_MS,
      maxBytes: 64 * 1024 * 1024,
    }),
    webUrl: env.REPORT_RENDER_URL ?? env.APP_URL,
    timeoutMs: env.REPORT_TIMEOUT_MS,
    cacheBytes: env.REPORT_CACHE_MB * 1024 * 1024,
  },
});
const server = app.listen(env.API_PORT, env.API_HOST, () => {
  logger.info({ port: env.API_PORT, host: env.API_HOST }, "ingest API listening");
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  logger.info({ signal }, "shutting down");
  server.close();
  await Promise.all(Object.values(queues).map((q) => q.close().catch(() => {})));
  await redis.quit().catch(() => {});
  await db.destroy();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
