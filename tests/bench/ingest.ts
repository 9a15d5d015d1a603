// Ingestion benchmark: a 1,000,000-row CSV sent to the dashboard's origin, as stewards send it,
// through the whole pipeline (forwarder, API, outbox, worker, statuses) against the raw Postgres
// ceiling on the same table shape, plus the latency of one JSON figure until its status is
// visible through the API. Prints one JSON line at the end.

import { createApiToken, createDb, migrateAsOwner } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import { databaseUrls, startIngest } from "../processes";
import { ensureWebBuild, startWebApp } from "./dashboard-web";
import { note, peakRssMb, percentile } from "./measure";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const CHUNK = 2000;
// 400 monthly regional indicators × 3 places × 876 months (1950–2022) = 1,051,200 figures.
const MONTHS = Array.from(
  { length: 876 },
  (_, i) => `${1950 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, "0")}`,
);
const PLACES = ["", "ZZ-N", "ZZ-S"];
const base = buildProgram({
  indicators: [
    ...Array.from({ length: 400 }, () => ({
      frequency: "monthly" as const,
      aggregation: "mean" as const,
      unit: "number" as const,
      disaggregation: "regional" as const,
    })),
    { targets: { 2018: 60, 2019: 70, 2020: 80, 2021: 90, 2022: 95 } },
  ],
});
const program = { ...base, years: { ...base.years, history: 1950 } };
const codes = program.indicators.slice(0, 400).map((i) => i.code);
const latencyCode = program.indicators[400]?.code ?? "";

function figure(i: number) {
  const rest = Math.floor(i / codes.length);
  return {
    indicator: codes[i % codes.length] as string,
    period: MONTHS[rest % MONTHS.length] as string,
    region: PLACES[Math.floor(rest / MONTHS.length) % 3] as string,
    value: (i % 997) + 0.25,
  };
}

function csvFile(): Blob {
  const parts: string[] = ["indicator,period,region,value\n"];
  for (let i = 0; i < ROWS; i++) {
    const f = figure(i);
    parts.push(`${f.indicator},${f.period},${f.region},${f.value}\n`);
  }
  return new Blob(parts);
}

async function rawBaseline(db: ReturnType<typeof createDb>): Promise<number> {
  await sql`create table bench_raw (like observations including defaults including indexes)`.execute(
    db,
  );
  const started = performance.now();
  for (let i = 0; i < ROWS; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, ROWS - i) }, (_, k) => figure(i + k));
    await sql`insert into bench_raw (indicator_code, region_code, period, year, value, revision_id, upload_seq)
      select k.i, k.r, k.p, left(k.p, 4)::int, k.v, 1, 1
      from unnest(${rows.map((r) => r.indicator)}::text[], ${rows.map((r) => r.region || "ZZ")}::text[],
        ${rows.map((r) => r.period)}::text[], ${rows.map((r) => r.value)}::numeric[]) as k(i, r, p, v)
      on conflict (indicator_code, region_code, period) do update set value = excluded.value`.execute(
      db,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table bench_raw`.execute(db);
  return ROWS / seconds;
}

async function main() {
  const urls = databaseUrls();
  await migrateAsOwner(urls.owner, urls.app);
  const db = createDb(urls.app, { max: 4 });
  await importProgram(db, program, "bench");
  const token = (await createApiToken(db, { name: "bench", role: "steward" }, "bench")).token;
  note(`raw baseline: ${ROWS} rows`);
  // The raw table is made and dropped by the schema's owner: the app's role makes no tables.
  const owner = createDb(urls.owner, { max: 4 });
  const rawRowsPerSec = await rawBaseline(owner);
  await owner.destroy();
  note(`raw: ${Math.round(rawRowsPerSec)} rows/s`);

  ensureWebBuild();
  const app = await startWebApp();
  const api = app.api;
  const worker = startIngest("worker", { ...process.env, QUEUE_PREFIX: "bench" });
  const url = app.url;
  const auth = { authorization: `Bearer ${token}` };
  try {
    const file = csvFile();
    note(`pipeline: posting ${ROWS} rows (${Math.round(file.size / 1e6)} MB)`);
    const started = performance.now();
    const form = new FormData();
    form.append("file", file, "bench.csv");
    const res = await fetch(`${url}/api/v1/uploads`, { method: "POST", headers: auth, body: form });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const { uploadId } = (await res.json()) as { uploadId: string };
    const staged = performance.now();
    note(`phase: staged (API, outbox) in ${Math.round(staged - started)} ms`);
    for (;;) {
      const u = await db
        .selectFrom("uploads")
        .selectAll()
        .where("id", "=", uploadId)
        .executeTakeFirstOrThrow();
      if (u.status === "failed") throw new Error(`upload failed: ${u.failure_reason}`);
      if (u.status === "completed") {
        if (u.inserted !== ROWS) throw new Error(`expected ${ROWS} inserted, got ${u.inserted}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const processed = performance.now();
    note(`phase: processed (worker) in ${Math.round(processed - staged)} ms`);
    // Statuses evaluated: no status work of the upload's indicators left undone (the worker
    // refreshes them as chunks commit, so some are fresh before the upload is marked completed).
    for (;;) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from status_work
        where indicator_code = any(${codes}::text[]) and done_at is null`.execute(db);
      if (Number(rows[0]?.n) === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    note(`phase: statuses evaluated in ${Math.round(performance.now() - processed)} ms`);
    const pipelineRowsPerSec = ROWS / ((performance.now() - started) / 1000);
    note(`pipeline: ${Math.round(pipelineRowsPerSec)} rows/s`);

    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const value = i % 2 === 0 ? 96 : 40 + (i % 50) / 10;
      const t0 = performance.now();
      await fetch(`${url}/api/v1/observations`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ observations: [{ indicator: latencyCode, period: "2022", value }] }),
      });
      for (;;) {
        const r = await fetch(`${url}/api/v1/indicators/${latencyCode}`, { headers: auth });
        const body = (await r.json()) as { status: { current: { actual: number | null } } };
        if (body.status.current.actual === value) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(performance.now() - t0);
    }
    const result = {
      rows: ROWS,
      pipelineRowsPerSec: Math.round(pipelineRowsPerSec),
      rawRowsPerSec: Math.round(rawRowsPerSec),
      ratio: Number((pipelineRowsPerSec / rawRowsPerSec).toFixed(3)),
      via: "dashboard",
      apiPeakRssMb: peakRssMb(api.child.pid ?? 0),
      webPeakRssMb: peakRssMb(app.web.child.pid ?? 0),
      workerPeakRssMb: peakRssMb(worker.child.pid ?? 0),
      latencyP50Ms: Math.round(percentile(latencies, 50)),
      latencyP95Ms: Math.round(percentile(latencies, 95)),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await Promise.all([app.stop(), worker.stop()]);
    await db.destroy();
  }
}

await main();
