// Export benchmark: a programme of BENCH_ROWS figures (default 1,000,000; monthly regional
// indicators written straight into the tables) exported through the real API as CSV and as a
// workbook, with rows/s and the API's peak RSS (each export's and overall, on its default heap
// budget unless API_HEAP_MB says otherwise), against a raw `COPY (the same rows) TO STDOUT`
// through pg in the same run. Progress on standard error; one JSON line at the end.
import { createApiToken, createDb, migrateAsOwner } from "@spm/db";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { withApiHeap } from "../../scripts/lib/heap.mjs";
import { databaseUrls, freePort, startIngest, waitForUrl } from "../processes";
import { buildBenchProgram, loadBenchFigures } from "./dashboard-data";
import { note, peakRssMb, resetPeakRss } from "./measure";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 100);
const AS_OF = "2022-12-31";

/** Reads a response body to its end, counting bytes (kept nowhere). */
async function drain(body: ReadableStream<Uint8Array> | null): Promise<number> {
  let bytes = 0;
  if (!body) return bytes;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}

/** The same rows the export reads, as one COPY to standard output through pg. */
async function rawCopy(program: string): Promise<{ seconds: number; bytes: number }> {
  const client = new pg.Client({ connectionString: databaseUrls().app });
  await client.connect();
  try {
    const t0 = performance.now();
    const stream = client.query(
      copyTo(`copy (select o.indicator_code, o.region_code, o.period, o.value, o.flag, o.note,
        o.source, i.unit, t.value, s.current_level
        from observations o join indicators i on i.code = o.indicator_code
        left join targets t on t.indicator_code = o.indicator_code and t.year = o.year
        left join status_years s on s.indicator_code = o.indicator_code
          and s.region_code = o.region_code and s.year = o.year
        where i.program_code = '${program.replace(/'/g, "''")}'
        order by o.indicator_code, o.region_code, o.period) to stdout with (format csv)`),
    );
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    return { seconds: (performance.now() - t0) / 1000, bytes };
  } finally {
    await client.end();
  }
}

async function main() {
  const urls = databaseUrls();
  await migrateAsOwner(urls.owner, urls.app);
  // 60 months a region: enough regions for the figures asked for.
  const regions = Math.max(1, Math.ceil(ROWS / (INDICATORS * 60)));
  const program = buildBenchProgram({ indicators: INDICATORS, regions });
  const db = createDb(urls.app, { max: 4 });
  await importProgram(db, program, "bench");
  const owner = createDb(urls.owner, { max: 2 });
  const figures = await loadBenchFigures(owner, program);
  // Statistics of the new figures, as a live database has them (only the owner may analyze).
  await sql`analyze observations`.execute(owner);
  await owner.destroy();
  note(`${figures} figures loaded (${INDICATORS} indicators × ${regions} regions × 60 months)`);
  const token = (await createApiToken(db, { name: "bench", role: "viewer" }, "bench")).token;
  await db.destroy();

  const raw = await rawCopy(program.code);
  note(`raw COPY: ${Math.round(figures / raw.seconds)} rows/s, ${Math.round(raw.bytes / 1e6)} MB`);

  const port = await freePort();
  const api = startIngest("server", { ...process.env, API_PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(`${url}/healthz`, api);
    const result: Record<string, number | string> = {
      rows: figures,
      rawRowsPerSec: Math.round(figures / raw.seconds),
      // The budget the API runs on (API_HEAP_MB, scripts/lib/heap.mjs; 0: none) and its
      // high-water mark once started, before any export.
      apiHeapMb: Number(
        /--max-old-space-size=(\d+)/.exec(withApiHeap(process.env).NODE_OPTIONS ?? "")?.[1] ?? 0,
      ),
      apiStartRssMb: peakRssMb(api.child.pid ?? 0),
    };
    let peak = result.apiStartRssMb as number;
    for (const format of ["csv", "xlsx"] as const) {
      // Each export's own high-water mark (Linux: writing 5 to clear_refs resets VmHWM).
      resetPeakRss(api.child.pid ?? 0);
      const t0 = performance.now();
      const res = await fetch(
        `${url}/api/v1/export?program=${program.code}&format=${format}&asOf=${AS_OF}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.status !== 200)
        throw new Error(`${format} answered ${res.status}: ${await res.text()}`);
      const bytes = await drain(res.body);
      const perSec = Math.round(figures / ((performance.now() - t0) / 1000));
      note(`${format}: ${perSec} rows/s, ${Math.round(bytes / 1e6)} MB`);
      result[`${format}RowsPerSec`] = perSec;
      result[`${format}Ratio`] = Number((perSec / (figures / raw.seconds)).toFixed(3));
      result[`${format}Mb`] = Math.round(bytes / 1e6);
      result[`${format}PeakRssMb`] = peakRssMb(api.child.pid ?? 0);
      peak = Math.max(peak, result[`${format}PeakRssMb`] as number);
    }
    // The API process's peak from its start to the end of both exports.
    result.apiPeakRssMb = peak;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await api.stop();
  }
}

await main();
