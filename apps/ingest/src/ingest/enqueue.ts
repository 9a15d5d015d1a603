import type { Queue } from "bullmq";
import type pino from "pino";

// BullMQ waits for a connection before it sends: bound the wait so the API answers at once.
const ENQUEUE_TIMEOUT_MS = 2000;

/** The BullMQ job id of an upload's n-th try (ids may not be bare integers nor contain `:`). */
export function uploadJobId(uploadId: string, retry: number): string {
  return `upload-${uploadId}-${retry}`;
}

/**
 * Enqueues `upload.process`; when Redis is unreachable the upload stays queued in Postgres and
 * the reconciler enqueues it later, so the caller still answers 202.
 */
export async function enqueueUpload(
  queue: Queue,
  upload: { id: string; retries: number },
  logger: pino.Logger,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.add(
        "upload.process",
        { uploadId: upload.id },
        { jobId: uploadJobId(upload.id, upload.retries) },
      ),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("Redis did not answer in time")),
          ENQUEUE_TIMEOUT_MS,
        );
      }),
    ]);
    return true;
  } catch (err) {
    logger.warn(
      { uploadId: upload.id, err: (err as Error).message },
      "enqueue failed; the reconciler will retry",
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}
