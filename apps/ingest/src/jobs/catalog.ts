import {
  addStatusWork,
  claimDueSources,
  countStalledStatusWork,
  type Db,
  type OutcomeMode,
  pruneStatusWork,
} from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import {
  deliverNotification,
  evaluateAlerts,
  listStalledDeliveries,
  planReminders,
  processStatusWork,
  type SecretsKey,
} from "@spm/services";
import { type Job, UnrecoverableError } from "bullmq";
import type pino from "pino";
import { z } from "zod";
import { chunkTimingLog } from "../ingest/chunk-timings";
import { processUpload } from "../ingest/process-upload";
import { reconcileUploads } from "../ingest/reconcile";
import type { StageMode } from "../ingest/stage";
import type { Notifier } from "../notify/deliver";
import {
  enqueueAlertEvaluation,
  enqueueDeliveries,
  enqueueStatusWork,
  type QueueName,
  type Queues,
} from "../queues";
import { type ReportSenderDeps, sendDueReports } from "../reports/send";
import { pullSource } from "../sources/pull-source";

export interface JobContext {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  now: () => Date;
  job: Job;
  reconcileGraceMs: number;
  notifier: Notifier;
  notifyAttempts: number;
  sources: {
    key: SecretsKey | null;
    allowPrivate: boolean;
    timeoutMs: number;
    maxBytes: number;
    stage?: StageMode;
  };
  /** How the upload worker records its rows' outcomes (INGEST_OUTCOMES). */
  outcomes?: OutcomeMode;
  /** What sends scheduled reports (absent: none are sent by this process). */
  reports?: Omit<ReportSenderDeps, "db" | "now" | "logger">;
}

interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  payload: S;
  handle: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
}

const define = <S extends z.ZodType>(d: JobDefinition<S>) => d;

/** A delivery job: sends one notification row through its channel, exactly once. */
function deliveryJob(channel: "email" | "webhook") {
  return define({
    queue: "notify",
    payload: z.object({ notificationId: z.uuid() }),
    handle: (payload, ctx) =>
      deliverNotification(
        ctx.db,
        payload.notificationId,
        (row) => ctx.notifier[channel](row),
        ctx.now,
      ),
  });
}

/** Every job the workers run: its queue, payload schema (ids only, never data) and handler. */
export const JOBS = {
  "upload.process": define({
    queue: "uploads",
    payload: z.object({ uploadId: z.uuid() }),
    handle: async (payload, ctx) => {
      const result = await processUpload(ctx.db, payload.uploadId, {
        now: ctx.now,
        onProgress: (done) => ctx.job.updateProgress({ done }),
        outcomes: ctx.outcomes,
        onTiming: chunkTimingLog(ctx.logger, payload.uploadId),
      });
      // The status work was written with the figures; this only asks for it to be done now.
      if (result.changedIndicators.length > 0) await enqueueStatusWork(ctx.queues);
      return result;
    },
  }),
  "uploads.reconcile": define({
    queue: "uploads",
    payload: z.object({}),
    handle: (_payload, ctx) =>
      reconcileUploads(ctx.db, ctx.queues.uploads, ctx.logger, ctx.now(), ctx.reconcileGraceMs),
  }),
  "status.work": define({
    queue: "status",
    // The work itself is in Postgres (status_work): the job only says "there may be some".
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      const result = await processStatusWork(ctx.db, { asOf: toIsoDate(ctx.now()) });
      // Every refresh is an evaluation of the alerts watching these indicators.
      await enqueueAlertEvaluation(ctx.queues, result.indicators);
      if (result.more) await enqueueStatusWork(ctx.queues);
      return { ...result, indicators: result.indicators.length };
    },
  }),
  "status.rollover": define({
    queue: "status",
    // The date moved on (`overdue`, pro-rata targets): every status is owed again.
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      await addStatusWork(ctx.db, "all", "date");
      await enqueueStatusWork(ctx.queues);
      return {};
    },
  }),
  "status.reconcile": define({
    queue: "status",
    // Work whose job Redis lost, or whose worker died mid-way, is asked for again.
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      const now = ctx.now().getTime();
      const stalled = await countStalledStatusWork(ctx.db, new Date(now - ctx.reconcileGraceMs));
      if (stalled > 0) await enqueueStatusWork(ctx.queues);
      const pruned = await pruneStatusWork(ctx.db, new Date(now - 24 * 3600_000));
      return { stalled, pruned };
    },
  }),
  "alerts.evaluate": define({
    queue: "alerts",
    // No indicator list = every alert of every enabled rule (the scheduled evaluation).
    payload: z.object({ indicators: z.array(z.string()).optional() }),
    handle: async (payload, ctx) => {
      const result = await evaluateAlerts(ctx.db, { now: ctx.now(), codes: payload.indicators });
      for (const rule of result.unreadable) {
        ctx.logger.warn({ event: "alert_rule_unreadable", ruleId: rule.id, reason: rule.reason });
      }
      await enqueueDeliveries(ctx.queues, result.deliveries, ctx.notifyAttempts);
      return {
        ...result,
        deliveries: result.deliveries.length,
        unreadable: result.unreadable.length,
      };
    },
  }),
  "notify.email": deliveryJob("email"),
  "notify.webhook": deliveryJob("webhook"),
  "notify.reconcile": define({
    queue: "notify",
    // Rows written while Redis was away, or whose job Redis lost, get their job again.
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      const stalled = await listStalledDeliveries(ctx.db, ctx.now(), ctx.reconcileGraceMs);
      await enqueueDeliveries(ctx.queues, stalled, ctx.notifyAttempts);
      return { stalled: stalled.length };
    },
  }),
  "sources.due": define({
    queue: "uploads",
    // Postgres says which pulls are due (claimed once across workers); each gets its own job.
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      const now = ctx.now();
      const due = await claimDueSources(ctx.db, now);
      await ctx.queues.uploads.addBulk(
        due.map((sourceId) => ({
          name: "source.pull",
          data: { sourceId },
          opts: {
            jobId: `source-${sourceId}-${now.getTime()}`,
            attempts: 4,
            backoff: { type: "exponential", delay: 30_000, jitter: 0.3 },
          },
        })),
      );
      return { due: due.length };
    },
  }),
  "source.pull": define({
    queue: "uploads",
    payload: z.object({ sourceId: z.uuid() }),
    handle: async (payload, ctx) => {
      const result = await pullSource(
        { db: ctx.db, queues: ctx.queues, logger: ctx.logger, now: ctx.now, ...ctx.sources },
        payload.sourceId,
        "scheduler",
      );
      // Recorded on the source either way; only what may pass (network, 5xx) is tried again.
      if (result.outcome === "failed")
        throw result.transient ? new Error(result.code) : new UnrecoverableError(result.code);
      return result;
    },
  }),
  "reminders.plan": define({
    queue: "notify",
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      const due = await planReminders(ctx.db, { today: toIsoDate(ctx.now()) });
      await enqueueDeliveries(ctx.queues, due, ctx.notifyAttempts);
      return { reminders: due.length };
    },
  }),
  "reports.send": define({
    queue: "notify",
    // The schedules are in Postgres (report_schedules): the job sends every due one.
    payload: z.object({}),
    handle: async (_payload, ctx) =>
      ctx.reports
        ? sendDueReports({ ...ctx.reports, db: ctx.db, now: ctx.now, logger: ctx.logger })
        : { sent: 0, failed: 0 },
  }),
} as const;

export type JobName = keyof typeof JOBS;
