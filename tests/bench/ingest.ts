// Ingestion benchmark: a 1,000,000-row CSV sent to the dashboard's origin, as stewards send it,
// through the whole pipeline (forwarder, API, outbox, worker, statuses) against the raw Postgres
// ceiling on the same table shape and against a hand-written loader with the same durable effect
// (ingest-pg.ts), plus the latency of one JSON figure until its status is visible through the
// API; with the phases, WAL bytes, checkpoints and the worker's per-chunk timings of the run.
// Prints one JSON line at the end. BENCH_ROWS sets the size (default 1,000,000).

import { createApiToken, createDb, migrateAsOwner } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import pg from "pg";
import { databaseUrls, startIngest } from "../processes";
import { ensureWebBuild, startWebApp } from "./dashboard-web";
import {
  checkpoint,
  counterDelta,
  readCounters,
  readSettings,
  sameEffectBaseline,
  sampleLockWaits,
} from "./ingest-pg";
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
const monthly = Array.from({ length: 400 }, () => ({
  frequency: "monthly" as const,
  aggregation: "mean" as const,
  unit: "number" as const,
  disaggregation: "regional" as const,
}));
const base = buildProgram({
  indicators: [...monthly, { targets: { 2018: 60, 2019: 70, 2020: 80, 2021: 90, 2022: 95 } }],
});
const program = { ...base, years: { ...base.years, history: 1950 } };
const codes = program.indicators.slice(0, 400).map((i) => i.code);
const latencyCode = program.indicators[400]?.code ?? "";
// The same-effect baseline writes the same figures of a programme of its own (the same shape).
const twinBase = buildProgram({ indicators: monthly });
const twin = { ...twinBase, years: program.years };
const twinCodes = twin.indicators.map((i) => i.code);

function figure(i: number, of: string[] = codes) {
  const rest = Math.floor(i / of.length);
  return {
    indicator: of[i % of.length] as string,
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

/** The worker's summary of an upload's chunk timings (its "upload chunks timed" log line). */
function watchChunkTimings(worker: ReturnType<typeof startIngest>) {
  const found = new Map<string, Record<string, unknown>>();
  let rest = "";
  worker.child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.includes('"chunkTimings"')) continue;
      const timings = JSON.parse(line).chunkTimings;
      found.set(timings.uploadId, timings);
    }
  });
  return (uploadId: string) => found.get(uploadId);
}

const perRow = (bytes: number) => Math.round(bytes / ROWS);

async function main() {
  const urls = databaseUrls();
  await migrateAsOwner(urls.owner, urls.app);
  const db = createDb(urls.app, { max: 4 });
  await importProgram(db, program, "bench");
  await importProgram(db, twin, "bench");
  const token = (await createApiToken(db, { name: "bench", role: "steward" }, "bench")).token;
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  const settings = await readSettings(admin);
  note(`postgres: ${JSON.stringify(settings)}`);
  note(`raw baseline: ${ROWS} rows`);
  // The raw table is made and dropped by the schema's owner: the app's role makes no tables.
  const owner = createDb(urls.owner, { max: 4 });
  await checkpoint(admin);
  const beforeRaw = await readCounters(admin);
  const rawRowsPerSec = await rawBaseline(owner);
  const raw = await counterDelta(admin, beforeRaw, await readCounters(admin));
  await owner.destroy();
  note(`raw: ${Math.round(rawRowsPerSec)} rows/s, ${perRow(raw.walBytes)} WAL bytes a row`);
  await checkpoint(admin);
  const beforeSame = await readCounters(admin);
  const same = await sameEffectBaseline(urls.owner, ROWS, (i) => figure(i, twinCodes), "ZZ");
  const sameWal = await counterDelta(admin, beforeSame, await readCounters(admin));
  note(`same effect: ${Math.round(same.rowsPerSec)} rows/s (COPY ${Math.round(same.copyMs)} ms)`);
  // Each measured part starts after a checkpoint: the same full-page writes ahead of each.
  await checkpoint(admin);

  ensureWebBuild();
  const app = await startWebApp();
  const api = app.api;
  const worker = startIngest("worker", {
    ...process.env,
    QUEUE_PREFIX: "bench",
    LOG_LEVEL: "info",
  });
  const chunkTimings = watchChunkTimings(worker);
  const url = app.url;
  const auth = { authorization: `Bearer ${token}` };
  const locks = new pg.Client({ connectionString: urls.admin });
  await locks.connect();
  try {
    const file = csvFile();
    note(`pipeline: posting ${ROWS} rows (${Math.round(file.size / 1e6)} MB)`);
    const before = await readCounters(admin);
    const stopLockSampling = sampleLockWaits(locks);
    const startedAt = Date.now();
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
    const times = await db
      .selectFrom("uploads")
      .select(["started_at", "finished_at"])
      .where("id", "=", uploadId)
      .executeTakeFirstOrThrow();
    // The worker's time while the API was still staging (it starts on the upload's job).
    const stagedAt = startedAt + (staged - started);
    const workerFrom = times.started_at ? new Date(times.started_at).getTime() : stagedAt;
    const overlapMs = Math.max(0, stagedAt - workerFrom);
    // Statuses evaluated: no status work of the upload's indicators left undone (the worker
    // refreshes them as chunks commit, so some are fresh before the upload is marked completed).
    for (;;) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from status_work
        where indicator_code = any(${codes}::text[]) and done_at is null`.execute(db);
      if (Number(rows[0]?.n) === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const done = performance.now();
    note(`phase: statuses evaluated in ${Math.round(done - processed)} ms`);
    const pipelineRowsPerSec = ROWS / ((done - started) / 1000);
    note(`pipeline: ${Math.round(pipelineRowsPerSec)} rows/s`);
    const wal = await counterDelta(admin, before, await readCounters(admin));
    const lockWaits = await stopLockSampling();

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
      stage: process.env.INGEST_STAGE ?? "copy (default)",
      outcomes: process.env.INGEST_OUTCOMES ?? "chunk (default)",
      pipelineRowsPerSec: Math.round(pipelineRowsPerSec),
      rawRowsPerSec: Math.round(rawRowsPerSec),
      ratio: Number((pipelineRowsPerSec / rawRowsPerSec).toFixed(3)),
      sameEffectRowsPerSec: Math.round(same.rowsPerSec),
      ratioSameEffect: Number((pipelineRowsPerSec / same.rowsPerSec).toFixed(3)),
      stageMs: Math.round(staged - started),
      processMs: Math.round(processed - staged),
      statusMs: Math.round(done - processed),
      overlapMs: Math.round(overlapMs),
      walBytesPerRow: perRow(wal.walBytes),
      rawWalBytesPerRow: perRow(raw.walBytes),
      sameEffectWalBytesPerRow: perRow(sameWal.walBytes),
      checkpoints: wal.checkpoints,
      checkpointsRequested: wal.checkpointsRequested,
      rawCheckpoints: raw.checkpoints,
      autovacuums: wal.autovacuums,
      autoanalyzes: wal.autoanalyzes,
      ...lockWaits,
      worker: chunkTimings(uploadId),
      via: "dashboard",
      apiPeakRssMb: peakRssMb(api.child.pid ?? 0),
      webPeakRssMb: peakRssMb(app.web.child.pid ?? 0),
      workerPeakRssMb: peakRssMb(worker.child.pid ?? 0),
      latencyP50Ms: Math.round(percentile(latencies, 50)),
      latencyP95Ms: Math.round(percentile(latencies, 95)),
      postgres: settings,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await Promise.all([app.stop(), worker.stop()]);
    await Promise.all([db.destroy(), admin.end(), locks.end()]);
  }
}

await main();
