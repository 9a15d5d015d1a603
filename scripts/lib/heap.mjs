// The ingest API's memory budget. V8 grows its heap as it likes (up to a quarter of the machine's
// memory) and collects garbage lazily: with no budget an export of 1,000,000 figures left
// 150–210 MB of dead objects in the API's heap before a full collection (peak RSS 340–470 MB)
// though the live set stays near 60 MB. A budget of 128 MiB keeps both 1M exports under 230 MB
// (tests/bench/RESULTS.md), and what a budget does not bound (buffers outside the heap) is kept
// small: a workbook's shared strings go to a temporary file, a workbook export waits for its zip
// (packages/services/src/exports/sink.ts). It is not the default: under the whole test suite's
// concurrent requests (large uploads, JSON batches of 16 MB, exports, PDFs at once) an API of
// 128 MiB ran out of heap and died, where one without a budget only grows (2026-12-08).

/** The API's V8 old-space budget in MiB when API_HEAP_MB is not set: none (V8 decides). */
export const DEFAULT_API_HEAP_MB = 0;

/**
 * The API's environment with its heap budget (`API_HEAP_MB`; unset or 0: none, V8 decides)
 * added to NODE_OPTIONS, other options kept.
 */
export function withApiHeap(env) {
  const given =
    env.API_HEAP_MB === undefined || env.API_HEAP_MB === "" ? undefined : env.API_HEAP_MB;
  const mb = given === undefined ? DEFAULT_API_HEAP_MB : Number(given);
  if (mb === 0) return env;
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(`API_HEAP_MB must be 0 (no budget) or an integer >= 64, not ${given}`);
  const options = (env.NODE_OPTIONS ?? "").replace(/--max-old-space-size=\d+/g, "").trim();
  return { ...env, NODE_OPTIONS: `${options} --max-old-space-size=${mb}`.trim() };
}
