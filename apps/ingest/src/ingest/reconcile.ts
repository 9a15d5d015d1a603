import { type Db, listPendingUploads } from "@spm/db";
import type { Queue } from "bullmq";
import type pino from "pino";
import { enqueueUpload, uploadJobId } from "./enqueue";

/**
 * Re-enqueues every upload that Postgres holds as queued or processing but Redis does not
 * hold as a live job (Redis was down, flushed, or lost its data).
 */
export async function reconcileUploads(
  db: Db,
  queue: Queue,
  logger: pino.Logger,
  now: Date,
  graceMs = 30_000,
): Promise<{ enqueued: number }> {
  // An upload younger than the grace period may still be on its way into Redis from the API.
  const pending = await listPendingUploads(db, new Date(now.getTime() - graceMs));
  let enqueued = 0;
  for (const upload of pending) {
    const job = await queue.getJob(uploadJobId(upload.id, upload.retries));
    const state = job ? await job.getState() : "missing";
    if (state === "waiting" || state === "active" || state === "delayed" || state === "prioritized")
      continue;
    if (state === "completed" || state === "failed") {
      // The job ended but the upload did not: drop the stale job so the same id can run again.
      await job?.remove().catch(() => {});
    }
    if (await enqueueUpload(queue, upload, logger)) enqueued += 1;
  }
  if (enqueued > 0) logger.info({ enqueued }, "reconciler re-enqueued uploads");
  return { enqueued };
}
