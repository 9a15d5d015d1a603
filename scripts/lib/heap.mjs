// The ingest API's memory budget. V8 grows its heap as it likes (up to a quarter of the machine's
// memory), collecting garbage lazily: an export of 1,000,000 figures left 150–210 MB of dead
// objects in the API's heap before a full collection (peak RSS 340–400 MB) though the live set
// stays near 60 MB. A fixed old-space budget makes V8 collect in time (the same export then
// peaks at 240–255 MB); the largest request the API takes, two 16 MB JSON batches at once, fits.

/** MiB of V8 old space for the API, unless `API_HEAP_MB` says otherwise. */
export const API_HEAP_MB = 128;

/** The API's environment with its heap budget added to NODE_OPTIONS (other options kept). */
export function withApiHeap(env) {
  const mb = Number(env.API_HEAP_MB ?? API_HEAP_MB);
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(`API_HEAP_MB must be an integer >= 64, not ${env.API_HEAP_MB}`);
  const options = (env.NODE_OPTIONS ?? "").replace(/--max-old-space-size=\d+/g, "").trim();
  return { ...env, NODE_OPTIONS: `${options} --max-old-space-size=${mb}`.trim() };
}
