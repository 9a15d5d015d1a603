import { type Db, refreshStatusSnapshots } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import type pino from "pino";
import { z } from "zod";
import type { QueueName } from "../queues";

export interface JobContext {
  db: Db;
  logger: pino.Logger;
  now: () => Date;
}

interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  payload: S;
  handle: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
}

const define = <S extends z.ZodType>(d: JobDefinition<S>) => d;

/** Every job the workers run: its queue, payload schema (ids only, never data) and handler. */
export const JOBS = {
  "status.evaluate": define({
    queue: "status",
    // No indicator list = every active indicator (the daily refresh that makes `overdue` appear).
    payload: z.object({ indicators: z.array(z.string()).optional() }),
    handle: (payload, ctx) =>
      refreshStatusSnapshots(ctx.db, { codes: payload.indicators, asOf: toIsoDate(ctx.now()) }),
  }),
} as const;

export type JobName = keyof typeof JOBS;
