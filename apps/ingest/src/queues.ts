import { Queue } from "bullmq";
import type { Redis } from "ioredis";

/** Queue names; a job name is `<subject>.<action>` (e.g. `upload.process`). */
export const QUEUE_NAMES = ["uploads", "status", "alerts", "notify"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export type Queues = Record<QueueName, Queue>;

// Bounded retention keeps Redis memory flat however long the system runs.
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
} as const;

/** Opens the application's queues on one Redis connection. */
export function createQueues(connection: Redis, prefix: string): Queues {
  const entries = QUEUE_NAMES.map(
    (name) =>
      [
        name,
        new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
      ] as const,
  );
  return Object.fromEntries(entries) as Queues;
}

/**
 * Asks a worker to do the pending status work (rows in Postgres, written with the changes that
 * owe it). Not de-duplicated: a run already going may have read the figures before the newest
 * work committed, so another must follow; a run that finds nothing pending costs one query.
 */
export async function enqueueStatusWork(queues: Queues): Promise<void> {
  await queues.status.add("status.work", {});
}

/** Asks for an alert evaluation of the given indicators (after their statuses were refreshed). */
export async function enqueueAlertEvaluation(
  queues: Queues,
  indicators: readonly string[],
): Promise<void> {
  if (indicators.length === 0) return;
  await queues.alerts.add("alerts.evaluate", { indicators: [...indicators] });
}

/** One delivery job per notification row; the job id makes a second add of the same row a no-op. */
export async function enqueueDeliveries(
  queues: Queues,
  deliveries: readonly { id: string; channel: "email" | "webhook" }[],
  attempts: number,
): Promise<void> {
  if (deliveries.length === 0) return;
  await queues.notify.addBulk(
    deliveries.map((d) => ({
      name: d.channel === "email" ? "notify.email" : "notify.webhook",
      data: { notificationId: d.id },
      opts: {
        jobId: `notify-${d.id}`,
        attempts,
        backoff: { type: "exponential", delay: 2000, jitter: 0.3 },
      },
    })),
  );
}
