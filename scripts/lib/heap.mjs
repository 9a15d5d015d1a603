// The ingest API's memory budget, when one is set. V8 grows its heap as it likes (up to a quarter
// of the machine's memory) and collects garbage lazily: an export of 1,000,000 figures leaves
// 150–210 MB of dead objects in the API's heap before a full collection (peak RSS 340–400 MB)
// though the live set stays near 60 MB; with `API_HEAP_MB=128` the same export peaks at
// 240–255 MB. It is not the default: reading a 20 MB workbook upload needs more than 128 MiB of
// heap today (the API ran out of memory in tests/system/large-uploads.test.ts).

/** The API's environment with `API_HEAP_MB` (if set) added to NODE_OPTIONS, other options kept. */
export function withApiHeap(env) {
  if (env.API_HEAP_MB === undefined || env.API_HEAP_MB === "") return env;
  const mb = Number(env.API_HEAP_MB);
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(`API_HEAP_MB must be an integer >= 64, not ${env.API_HEAP_MB}`);
  const options = (env.NODE_OPTIONS ?? "").replace(/--max-old-space-size=\d+/g, "").trim();
  return { ...env, NODE_OPTIONS: `${options} --max-old-space-size=${mb}`.trim() };
}
