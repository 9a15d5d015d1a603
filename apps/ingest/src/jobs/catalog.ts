import { type Db, refreshStatusSnapshots } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import type { Job } from "bullmq";
import type pino from "pino";
import { z } from "zod";
import { processUpload } from "../ingest/process-upload";
import { reconcileUploads } from "../ingest/reconcile";
import { enqueueStatusRefresh, type QueueName, type Queues } from "../queues";

export interface JobContext {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  now: () => Date;
  job: Job;
  reconcileGraceMs: number;
}

interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  payload: S;
  handle: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
}

const define = <S extends z.ZodType>(d: JobDefinition<S>) => d;

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
    handle: (payload, ctx) =>
      refreshStatusSnapshots(ctx.db, { codes: payload.indicators, asOf: toIsoDate(ctx.now()) }),
  }),
} as const;

export type JobName = keyof typeof JOBS;
