import { createServer } from "node:http";
import { addStatusWork, createDb, updateUploadState } from "@spm/db";
import { markNotificationFailed } from "@spm/services";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import nodemailer from "nodemailer";
import client from "prom-client";
import { loadEnv } from "./env";
import { JOBS, type JobName } from "./jobs/catalog";
import { createLogger } from "./logger";
import { createWorkerMetrics } from "./metrics";
import { createNotifier } from "./notify/deliver";
import { createQueues, QUEUE_NAMES } from "./queues";
import { createRedis } from "./redis";
import { createReportRenderer } from "./reports/renderer";

const env = loadEnv();
const logger = createLogger("worker", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL);
const connection = createRedis(env.REDIS_URL);
const queues = createQueues(connection, env.QUEUE_PREFIX);
const notifier = createNotifier({
  smtpUrl: env.SMTP_URL,
  from: env.SMTP_FROM,
  appUrl: env.APP_URL,
  webhookSecret: env.WEBHOOK_SECRET,
  webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
});

// Scheduled annual reports: printed by this worker's Chromium, sent as PDF attachments.
const reports = {
  renderer: createReportRenderer({
    chromiumPath: env.CHROMIUM_PATH,
    timeoutMs: env.REPORT_TIMEOUT_MS,
    maxBytes: 64 * 1024 * 1024,
  }),
  webUrl: env.REPORT_RENDER_URL ?? env.APP_URL,
  timeoutMs: env.REPORT_TIMEOUT_MS,
  transport: env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : null,
  from: env.SMTP_FROM,
};
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const metrics = createWorkerMetrics(registry);
if (env.WORKER_METRICS_PORT) {
  createServer(async (req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
  }).listen(env.WORKER_METRICS_PORT, env.API_HOST);
}

async function processJob(job: Job): Promise<unknown> {
  const definition = JOBS[job.name as JobName];
  if (!definition) throw new UnrecoverableError(`unknown job ${job.name}`);
  const payload = definition.payload.safeParse(job.data);
  // Malformed payloads never get better by retrying.
  if (!payload.success)
    throw new UnrecoverableError(`bad payload for ${job.name}: ${payload.error.message}`);
  const log = logger.child({
    jobId: job.id,
    job: job.name,
    attempt: job.attemptsMade + 1,
    ...job.data,
  });
  const stop = metrics.duration.startTimer({ job: job.name });
  try {
    const result = await definition.handle(payload.data as never, {
      db,
      queues,
      logger: log,
      now: () => new Date(),
      job,
      reconcileGraceMs: env.RECONCILE_GRACE_MS,
      outcomes: env.INGEST_OUTCOMES,
      notifier,
      notifyAttempts: env.NOTIFY_ATTEMPTS,
      sources: {
        key: env.SECRETS_KEY,
        allowPrivate: env.SOURCES_ALLOW_PRIVATE,
        timeoutMs: env.SOURCE_TIMEOUT_MS,
        maxBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
        stage: env.INGEST_STAGE,
      },
      reports,
    });
    log.info({ ms: Math.round(stop({ result: "ok" }) * 1000) }, "job done");
    return result;
  } catch (error) {
    stop({ result: "error" });
    throw error;
  }
}

/**
 * An upload whose job gave up (bad data, or retries exhausted) becomes `failed` with the reason;
 * so does a notification whose last delivery attempt failed (the UI lists it).
 */
async function onFailed(job: Job | undefined, err: Error): Promise<void> {
  logger.warn(
    { jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: err.message },
    "job failed",
  );
  if (!job) return;
  const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (final && (job.name === "notify.email" || job.name === "notify.webhook")) {
    await markNotificationFailed(db, job.data.notificationId, err.message).catch((e: Error) =>
      logger.error({ err: e.message }, "could not mark the notification failed"),
    );
  }
  if (job.name !== "upload.process") return;
  if (final) {
    await updateUploadState(db, job.data.uploadId, "failed", {
      failureReason: err.message.slice(0, 1000),
      finishedAt: new Date(),
    }).catch((e: Error) => logger.error({ err: e.message }, "could not mark the upload failed"));
  }
}

const workers = QUEUE_NAMES.map(
  (name) =>
    new Worker(name, processJob, {
      connection: createRedis(env.REDIS_URL),
      prefix: env.QUEUE_PREFIX,
      concurrency: name === "uploads" ? 2 : name === "notify" ? 8 : 4,
      lockDuration: env.WORKER_LOCK_MS,
      stalledInterval: env.WORKER_LOCK_MS,
    }),
);
for (const w of workers) w.on("failed", (job, err) => void onFailed(job, err));

// Statuses depend on the date (`overdue`, pro-rata targets): refresh them every night. The
// reconciler puts back any upload Postgres holds as pending but Redis lost. Schedulers live in
// Redis, so they are upserted again on a timer: a flushed or replaced Redis gets them back.
async function upsertSchedulers(): Promise<void> {
  // As-of dates are UTC days; the schedule's own midnight too, where it is another zone.
  await queues.status.upsertJobScheduler(
    "status-daily-refresh",
    { pattern: "0 0 * * *", tz: "UTC" },
    { name: "status.rollover", data: {} },
  );
  if (env.SCHEDULE_TZ !== "UTC")
    await queues.status.upsertJobScheduler(
      "status-daily-refresh-local",
      { pattern: "0 0 * * *", tz: env.SCHEDULE_TZ },
      { name: "status.rollover", data: {} },
    );
  await queues.status.upsertJobScheduler(
    "status-reconcile",
    { every: env.RECONCILE_EVERY_MS },
    { name: "status.reconcile", data: {} },
  );
  await queues.alerts.upsertJobScheduler(
    "alerts-evaluate",
    { every: env.ALERT_EVALUATE_EVERY_MS },
    { name: "alerts.evaluate", data: {} },
  );
  await queues.notify.upsertJobScheduler(
    "notify-reconcile",
    { every: env.RECONCILE_EVERY_MS },
    { name: "notify.reconcile", data: {} },
  );
  await queues.notify.upsertJobScheduler(
    "reminders-daily",
    { pattern: "0 9 * * *", tz: env.SCHEDULE_TZ },
    { name: "reminders.plan", data: {} },
  );
  await queues.notify.upsertJobScheduler(
    "reports-send",
    { every: env.RECONCILE_EVERY_MS },
    { name: "reports.send", data: {} },
  );
  await queues.uploads.upsertJobScheduler(
    "sources-due",
    { every: env.SOURCES_CHECK_EVERY_MS },
    { name: "sources.due", data: {} },
  );
  await queues.uploads.upsertJobScheduler(
    "uploads-reconcile",
    { every: env.RECONCILE_EVERY_MS },
    { name: "uploads.reconcile", data: {} },
  );
}
await upsertSchedulers();
const schedulerTimer = setInterval(() => {
  upsertSchedulers().catch((err: Error) =>
    logger.warn({ err: err.message }, "scheduler upsert failed"),
  );
}, env.RECONCILE_EVERY_MS);
// A worker starting may follow a crash between figures and statuses, or a day without one.
await addStatusWork(db, "all", "worker_start");
await queues.status.add("status.work", {});
logger.info({ queues: QUEUE_NAMES }, "worker started");

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  clearInterval(schedulerTimer);
  logger.info({ signal }, "worker shutting down");
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(Object.values(queues).map((q) => q.close()));
  await connection.quit().catch(() => {});
  notifier.close();
  await db.destroy();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
