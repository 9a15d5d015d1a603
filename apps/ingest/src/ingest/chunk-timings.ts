import type pino from "pino";
import type { ChunkTiming } from "./process-upload";

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The p-th percentile (0..100) of a list of numbers, by nearest rank. */
function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}

/**
 * Collects an upload's per-chunk timings: each chunk logged at debug, one summary at info when
 * the upload ends (where the worker's time went, for `npm run bench -- ingest` and operators).
 */
export function chunkTimingLog(logger: pino.Logger, uploadId: string) {
  const totals: number[] = [];
  const sum = { rows: 0, claimMs: 0, checkMs: 0, applyMs: 0, recordMs: 0, totalMs: 0 };
  return (chunk: ChunkTiming | null, statusChangesMs: number) => {
    if (chunk) {
      logger.debug({ uploadId, ...chunk }, "upload chunk");
      totals.push(chunk.totalMs);
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += chunk[key];
      return;
    }
    const sorted = [...totals].sort((a, b) => a - b);
    const summary = {
      uploadId,
      chunks: totals.length,
      rows: sum.rows,
      claimMs: round(sum.claimMs),
      checkMs: round(sum.checkMs),
      applyMs: round(sum.applyMs),
      recordMs: round(sum.recordMs),
      chunksMs: round(sum.totalMs),
      chunkP50Ms: round(percentile(sorted, 50)),
      chunkP95Ms: round(percentile(sorted, 95)),
      chunkMaxMs: round(sorted.at(-1) ?? 0),
      statusChangesMs: round(statusChangesMs),
    };
    logger.info({ chunkTimings: summary }, "upload chunks timed");
  };
}
