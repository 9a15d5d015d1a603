import { Queue } from "bullmq";
import type { Redis } from "ioredis";

/** Queue names; a job name is `<subject>.<action>` (e.g. `upload.process`). */
export const QUEUE_NAMES = ["uploads", "status"] as const;
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

/** Asks for a status refresh of each indicator; a refresh already waiting absorbs the request. */
export async function enqueueStatusRefresh(
  queues: Queues,
  indicators: readonly string[],
): Promise<void> {
  await Promise.all(
    indicators.map((code) =>
      queues.status.add(
        "status.evaluate",
        { indicators: [code] },
        { deduplication: { id: `status-${code}` } },
      ),
    ),
  );
}
