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
 * Asks for one status refresh of the given indicators (then one alert evaluation of them, so the
 * notices of one upload go out together, as a digest where several are owed). Not
 * de-duplicated: a refresh already running may have read the figures before this upload
 * committed, so a new one must follow.
 */
export async function enqueueStatusRefresh(
  queues: Queues,
  indicators: readonly string[],
): Promise<void> {
  // Batches of indicators: one job for a usual upload, parallel jobs for a very wide one.
  const jobs = [];
  for (let i = 0; i < indicators.length; i += STATUS_BATCH)
    jobs.push({
      name: "status.evaluate",
      data: { indicators: indicators.slice(i, i + STATUS_BATCH) },
    });
  if (jobs.length > 0) await queues.status.addBulk(jobs);
}

/** How many indicators one status refresh job takes. */
export const STATUS_BATCH = 50;

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
