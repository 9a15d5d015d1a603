import {
  type Db,
  deliverNotification,
  evaluateAlerts,
  listStalledDeliveries,
  planReminders,
  refreshStatusSnapshots,
} from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import type { Job } from "bullmq";
import type pino from "pino";
import { z } from "zod";
import { processUpload } from "../ingest/process-upload";
import { reconcileUploads } from "../ingest/reconcile";
import type { Notifier } from "../notify/deliver";
import {
  enqueueAlertEvaluation,
  enqueueDeliveries,
  enqueueStatusRefresh,
  type QueueName,
  type Queues,
} from "../queues";

export interface JobContext {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  now: () => Date;
  job: Job;
  reconcileGraceMs: number;
  notifier: Notifier;
  notifyAttempts: number;
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
      });
      await enqueueStatusRefresh(ctx.queues, result.changedIndicators);
      return result;
    },
  }),
  "uploads.reconcile": define({
    queue: "uploads",
    payload: z.object({}),
    handle: (_payload, ctx) =>
      reconcileUploads(ctx.db, ctx.queues.uploads, ctx.logger, ctx.now(), ctx.reconcileGraceMs),
  }),
  "status.evaluate": define({
    queue: "status",
    // No indicator list = every active indicator (the daily refresh that makes `overdue` appear).
    payload: z.object({ indicators: z.array(z.string()).optional() }),
    handle: async (payload, ctx) => {
      const result = await refreshStatusSnapshots(ctx.db, {
        codes: payload.indicators,
        asOf: toIsoDate(ctx.now()),
      });
      // Every refresh is an evaluation of the alerts watching these indicators.
      if (payload.indicators) await enqueueAlertEvaluation(ctx.queues, payload.indicators);
      else await ctx.queues.alerts.add("alerts.evaluate", {});
      return result;
    },
  }),
  "alerts.evaluate": define({
    queue: "alerts",
    // No indicator list = every alert of every enabled rule (the scheduled evaluation).
    payload: z.object({ indicators: z.array(z.string()).optional() }),
    handle: async (payload, ctx) => {
      const result = await evaluateAlerts(ctx.db, { now: ctx.now(), codes: payload.indicators });
      await enqueueDeliveries(ctx.queues, result.deliveries, ctx.notifyAttempts);
      return { ...result, deliveries: result.deliveries.length };
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
  "reminders.plan": define({
    queue: "notify",
    payload: z.object({}),
    handle: async (_payload, ctx) => {
      const due = await planReminders(ctx.db, { today: toIsoDate(ctx.now()) });
      await enqueueDeliveries(ctx.queues, due, ctx.notifyAttempts);
      return { reminders: due.length };
    },
  }),
} as const;

export type JobName = keyof typeof JOBS;
