// Dashboard benchmark: the overview page and one indicator page of a built `next start`, each
// under concurrent signed-in clients, over a synthetic programme of monthly regional figures;
// next to a raw baseline (the same figures read by one SQL query through pg, at the same
// concurrency). Progress on standard error; one JSON line at the end of standard output.
import { createDb, migrateToLatest } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { importProgram, refreshStatuses } from "@spm/services";
import pg from "pg";
import { buildBenchProgram, loadBenchFigures } from "./dashboard-data";
import { ensureWebBuild, signInViewer, startWebApp } from "./dashboard-web";
import { type LoadResult, note, peakRssMb, percentile, runConcurrent } from "./measure";

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 200);
const REGIONS = Number(process.env.BENCH_REGIONS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 5;

const ms = (v: number) => Math.round(v * 10) / 10;
const summary = (r: LoadResult) =>
  `p50 ${ms(percentile(r.latencies, 50))} ms, p95 ${ms(percentile(r.latencies, 95))} ms, ` +
  `${Math.round(r.perSecond)} req/s`;

/** Fetches a page with the session cookie, failing unless it answers 200 with `expect` in it. */
async function fetchPage(url: string, cookie: string, expect: RegExp): Promise<void> {
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200 || !expect.test(body)) {
    throw new Error(`${url} answered ${res.status} without ${expect}: ${body.slice(0, 300)}`);
  }
}

/** Measures one page: a few sequential warm-up calls (the first one reported), then the load. */
async function measurePage(label: string, url: string, cookie: string, expect: RegExp) {
  const t0 = performance.now();
  await fetchPage(url, cookie, expect);
  const coldMs = performance.now() - t0;
  for (let i = 1; i < WARMUP; i++) await fetchPage(url, cookie, expect);
  const once = () => fetchPage(url, cookie, expect);
  // One client alone: the time the server spends on one page, without queueing behind others.
  const serial = await runConcurrent(1, Math.min(REQUESTS, 20), once);
  const result = await runConcurrent(CLIENTS, REQUESTS, once);
  note(
    `${label}: first ${Math.round(coldMs)} ms; 1 client ${summary(serial)}; ` +
      `${CLIENTS} clients: ${summary(result)}`,
  );
  return { ...result, coldMs, serialP50: percentile(serial.latencies, 50) };
}

// The raw baselines, each one SQL query through pg: every current figure of the programme's
// indicators (what the overview is computed from), and the stored national statuses (the
// least a page of statuses could read).
const RAW_QUERIES = {
  figures: `select indicator_code, region_code, period, value, flag from observations
    where indicator_code = any($1::text[]) and $2::text is not null`,
  statuses: `select indicator_code, current_level, trajectory_level, status from status_snapshots
    where indicator_code = any($1::text[]) and region_code = $2`,
};

async function measureRaw(
  kind: keyof typeof RAW_QUERIES,
  params: [codes: string[], nation: string],
): Promise<LoadResult & { serialP50: number }> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: CLIENTS });
  const query = RAW_QUERIES[kind];
  try {
    const once = async () => {
      const { rowCount } = await pool.query(query, params);
      if (!rowCount) throw new Error(`the raw ${kind} query read nothing`);
    };
    for (let i = 0; i < WARMUP; i++) await once();
    // One client alone first: the cost of the query itself, without queueing behind others.
    const serial = await runConcurrent(1, Math.min(REQUESTS, 20), once);
    const result = await runConcurrent(CLIENTS, REQUESTS, once);
    note(
      `raw ${kind} (one SQL query): 1 client ${summary(serial)}; ${CLIENTS} clients: ${summary(result)}`,
    );
    return { ...result, serialP50: percentile(serial.latencies, 50) };
  } finally {
    await pool.end();
  }
}

async function main() {
  const db = createDb(process.env.DATABASE_URL ?? "", { max: 4 });
  const program = buildBenchProgram({ indicators: INDICATORS, regions: REGIONS });
  const codes = program.indicators.map((i) => i.code);
  await migrateToLatest(db);
  await importProgram(db, program, "bench");
  const t0 = performance.now();
  const figures = await loadBenchFigures(db, program);
  note(
    `loaded ${figures} figures (${INDICATORS} × ${REGIONS} × 60) in ${Math.round(performance.now() - t0)} ms`,
  );
  // What the worker keeps after an upload: every indicator's status, nationally and per region.
  const snapshots = await refreshStatuses(db, { asOf: toIsoDate(new Date()) });
  note(`stored ${snapshots.evaluated} status snapshots`);
  ensureWebBuild();
  const app = await startWebApp();
  try {
    const cookie = await signInViewer(db, app.url);
    const code = codes[0] ?? "";
    const overview = await measurePage(
      "overview /",
      `${app.url}/?program=${program.code}`,
      cookie,
      // The page as a reader first sees it: each direction's first rows, the last one's link.
      new RegExp(`data-indicator="${codes[0]}"[\\s\\S]*data-more="D4"`),
    );
    const indicator = await measurePage(
      `indicator /indicators/${code}`,
      `${app.url}/indicators/${code}`,
      cookie,
      new RegExp(code),
    );
    const regions = await measurePage(
      "regions /regions",
      `${app.url}/regions?program=${program.code}`,
      cookie,
      new RegExp(codes[0] ?? ""),
    );
    const overviewBytes = (
      await (await fetch(`${app.url}/?program=${program.code}`, { headers: { cookie } })).text()
    ).length;
    const raw = await measureRaw("figures", [codes, program.nation.code]);
    const rawStatuses = await measureRaw("statuses", [codes, program.nation.code]);
    const overviewP95 = percentile(overview.latencies, 95);
    const rawP95 = percentile(raw.latencies, 95);
    const result = {
      overviewP50Ms: ms(percentile(overview.latencies, 50)),
      overviewP95Ms: ms(overviewP95),
      indicatorP95Ms: ms(percentile(indicator.latencies, 95)),
      regionsP95Ms: ms(percentile(regions.latencies, 95)),
      overviewBytes,
      requestsPerSec: Math.round(overview.perSecond * 10) / 10,
      rawP95Ms: ms(rawP95),
      ratio: Math.round((overviewP95 / rawP95) * 100) / 100,
      overviewFirstMs: Math.round(overview.coldMs),
      overviewOneClientP50Ms: ms(overview.serialP50),
      indicatorP50Ms: ms(percentile(indicator.latencies, 50)),
      indicatorRequestsPerSec: Math.round(indicator.perSecond * 10) / 10,
      indicatorOneClientP50Ms: ms(indicator.serialP50),
      rawP50Ms: ms(percentile(raw.latencies, 50)),
      rawOneClientP50Ms: ms(raw.serialP50),
      rawStatusesP95Ms: ms(percentile(rawStatuses.latencies, 95)),
      rawStatusesOneClientP50Ms: ms(rawStatuses.serialP50),
      figures,
      clients: CLIENTS,
      requests: REQUESTS,
      webPeakRssMb: peakRssMb(app.web.child.pid ?? 0),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app.stop();
    await db.destroy();
  }
}

await main();
