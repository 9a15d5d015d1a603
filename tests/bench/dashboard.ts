// Dashboard benchmark: the overview, one indicator page and the regions page of the built
// dashboard (apps/web/server.ts), each under concurrent signed-in readers (one viewer each),
// over a synthetic programme of monthly regional figures; then the overview while a 100,000-row
// upload is processed, the time from a posted figure to its level on the overview, and floors
// measured in the same run: a static file of the overview's size through the same server, and
// the figures read by one SQL query through pg. Progress on standard error; one JSON line at the
// end of standard output.
import { createApiToken, createDb, type Db, migrateAsOwner } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { importProgram, refreshStatuses } from "@spm/services";
import { sql } from "kysely";
import pg from "pg";
import { databaseUrls } from "../processes";
import { buildBenchProgram, loadBenchFigures } from "./dashboard-data";
import {
  overviewDuringUpload,
  removeStaticFile,
  statusVisible,
  updateCsv,
  writeStaticFile,
} from "./dashboard-live";
import { ensureWebBuild, signInViewer, startWebApp } from "./dashboard-web";
import { type Got, get } from "./http-get";
import { cpuMs, type LoadResult, note, peakRssMb, percentile, runConcurrent } from "./measure";

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 200);
const REGIONS = Number(process.env.BENCH_REGIONS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const UPLOAD_ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? 100_000);
const VISIBLE_SAMPLES = Number(process.env.BENCH_VISIBLE_SAMPLES ?? 50);
const WARMUP = 5;

const ms = (v: number) => Math.round(v * 10) / 10;
const summary = (r: LoadResult) =>
  `p50 ${ms(percentile(r.latencies, 50))} ms, p95 ${ms(percentile(r.latencies, 95))} ms, ` +
  `${Math.round(r.perSecond)} req/s`;

/** Every one of these strings, in this order: what a page must show to count as answered. */
type Shape = readonly string[];

function hasShape(body: string, shape: Shape): boolean {
  let at = 0;
  for (const part of shape) {
    at = body.indexOf(part, at);
    if (at < 0) return false;
  }
  return true;
}

/** Reads a page with a session cookie, failing unless it answers 200 in the expected shape. */
async function fetchPage(url: string, cookie: string, shape: Shape): Promise<Got> {
  const res = await get(url, { cookie });
  if (res.status !== 200 || !hasShape(res.body, shape)) {
    throw new Error(`${url} answered ${res.status} without ${shape}: ${res.body.slice(0, 300)}`);
  }
  return res;
}

/**
 * Measures one page: a few sequential warm-up calls (the first one reported), one client alone,
 * then every reader at once (reader i with its own session); the server's CPU time meanwhile.
 */
async function measurePage(
  label: string,
  url: string,
  cookies: string[],
  expect: Shape,
  webPgid: number,
) {
  const first = cookies[0] ?? "";
  const t0 = performance.now();
  await fetchPage(url, first, expect);
  const coldMs = performance.now() - t0;
  for (let i = 1; i < WARMUP; i++) await fetchPage(url, first, expect);
  // One client alone: the time the server spends on one page, without queueing behind others.
  const serial = await runConcurrent(1, Math.min(REQUESTS, 20), () =>
    fetchPage(url, first, expect).then(() => {}),
  );
  const cpu0 = cpuMs(webPgid);
  let misses = 0;
  const result = await runConcurrent(CLIENTS, REQUESTS, async (client) => {
    const got = await fetchPage(url, cookies[client] ?? first, expect);
    if (got.cache === "miss") misses += 1;
  });
  const cpuPerReq = (cpuMs(webPgid) - cpu0) / REQUESTS;
  note(
    `${label}: first ${Math.round(coldMs)} ms; 1 client ${summary(serial)}; ` +
      `${CLIENTS} clients: ${summary(result)}, ${misses} rendered (cache misses); ` +
      `${ms(cpuPerReq)} ms of CPU a request`,
  );
  return { ...result, coldMs, serialP50: percentile(serial.latencies, 50), cpuPerReq, misses };
}

/** Waits until the worker has no status work left (its start queues a full refresh). */
async function settle(db: Db): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from status_work
      where done_at is null`.execute(db);
    quiet = Number(rows[0]?.n) === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
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
  const urls = databaseUrls();
  await migrateAsOwner(urls.owner, urls.app);
  const db = createDb(urls.app, { max: 4 });
  const program = buildBenchProgram({ indicators: INDICATORS, regions: REGIONS });
  const codes = program.indicators.map((i) => i.code);
  await importProgram(db, program, "bench");
  const t0 = performance.now();
  const figures = await loadBenchFigures(db, program);
  // Statistics of the new figures: only the table's owner may analyze it.
  const owner = createDb(urls.owner, { max: 1 });
  await sql`analyze observations`.execute(owner);
  await owner.destroy();
  note(
    `loaded ${figures} figures (${INDICATORS} × ${REGIONS} × 60) in ${Math.round(performance.now() - t0)} ms`,
  );
  // What the worker keeps after an upload: every indicator's status, nationally and per region.
  const snapshots = await refreshStatuses(db, { asOf: toIsoDate(new Date()) });
  note(`stored ${snapshots.evaluated} status snapshots`);
  ensureWebBuild();
  const app = await startWebApp({ worker: true });
  try {
    await settle(db);
    const cookies: string[] = [];
    for (let i = 0; i < CLIENTS; i++) cookies.push(await signInViewer(db, app.url));
    const first = cookies[0] ?? "";
    const code = codes[0] ?? "";
    const overviewUrl = `${app.url}/?program=${program.code}`;
    // The page as a reader first sees it: each direction's first rows, the last one's link.
    const overviewShape = [`data-indicator="${codes[0]}"`, 'data-more="D4"'];
    const webPgid = () => app.web.child.pid ?? 0;
    const overview = await measurePage(
      "overview /",
      overviewUrl,
      cookies,
      overviewShape,
      webPgid(),
    );
    const indicator = await measurePage(
      `indicator /indicators/${code}`,
      `${app.url}/indicators/${code}`,
      cookies,
      [code],
      webPgid(),
    );
    const regions = await measurePage(
      "regions /regions",
      `${app.url}/regions?program=${program.code}`,
      cookies,
      [codes[0] ?? ""],
      webPgid(),
    );
    const overviewPage = await fetchPage(overviewUrl, first, overviewShape);
    // Bytes as sent (UTF-8: a Cyrillic letter is two), before and after gzip.
    const overviewBytes = Buffer.byteLength(overviewPage.body, "utf8");
    note(`overview: ${overviewBytes} bytes of HTML, ${overviewPage.wireBytes} bytes gzipped`);
    // A day that is neither today nor a year's end: evaluated live, for the first reader.
    const asOfStart = performance.now();
    await fetchPage(`${overviewUrl}&asOf=2021-07-15`, first, overviewShape);
    const overviewAsOfColdMs = performance.now() - asOfStart;
    note(`overview as of 2021-07-15, first read: ${Math.round(overviewAsOfColdMs)} ms`);

    const steward = (await createApiToken(db, { name: "bench", role: "steward" }, "bench")).token;
    const during = await overviewDuringUpload({
      url: app.url,
      token: steward,
      file: updateCsv(program, UPLOAD_ROWS),
      clients: CLIENTS,
      overview: (client) =>
        fetchPage(overviewUrl, cookies[client] ?? first, overviewShape).then(() => {}),
    });
    await settle(db);
    const visible = await statusVisible({
      url: app.url,
      token: steward,
      program,
      code,
      samples: VISIBLE_SAMPLES,
      readOverview: async () => (await fetchPage(overviewUrl, first, overviewShape)).body,
    });
    const webPeakRssMb = peakRssMb(webPgid());

    // The floor: the overview's own bytes as a static file, through the same server.
    const staticPath = writeStaticFile(overviewPage.body);
    await app.restartWeb();
    const staticUrl = `${app.url}${staticPath}`;
    const staticLoad = await measurePage("static file", staticUrl, cookies, ["<html"], webPgid());
    removeStaticFile();

    const raw = await measureRaw("figures", [codes, program.nation.code]);
    const rawStatuses = await measureRaw("statuses", [codes, program.nation.code]);
    const overviewP95 = percentile(overview.latencies, 95);
    const staticP95 = percentile(staticLoad.latencies, 95);
    const rawP95 = percentile(raw.latencies, 95);
    const result = {
      overviewP50Ms: ms(percentile(overview.latencies, 50)),
      overviewP95Ms: ms(overviewP95),
      indicatorP95Ms: ms(percentile(indicator.latencies, 95)),
      regionsP95Ms: ms(percentile(regions.latencies, 95)),
      requestsPerSec: Math.round(overview.perSecond * 10) / 10,
      overviewBytes,
      overviewWireBytes: overviewPage.wireBytes,
      webCpuMsPerReq: ms(overview.cpuPerReq),
      overviewDuringIngestP95Ms: ms(percentile(during.latencies, 95)),
      overviewAsOfColdMs: Math.round(overviewAsOfColdMs),
      statusVisibleOnDashboardP95Ms: Math.round(percentile(visible, 95)),
      staticSameBytesP95Ms: ms(staticP95),
      ratioToStatic: Math.round((overviewP95 / staticP95) * 100) / 100,
      rawP95Ms: ms(rawP95),
      ratio: Math.round((overviewP95 / rawP95) * 100) / 100,
      overviewMisses: overview.misses,
      overviewFirstMs: Math.round(overview.coldMs),
      overviewOneClientP50Ms: ms(overview.serialP50),
      indicatorP50Ms: ms(percentile(indicator.latencies, 50)),
      indicatorRequestsPerSec: Math.round(indicator.perSecond * 10) / 10,
      indicatorOneClientP50Ms: ms(indicator.serialP50),
      indicatorCpuMsPerReq: ms(indicator.cpuPerReq),
      regionsFirstMs: Math.round(regions.coldMs),
      regionsCpuMsPerReq: ms(regions.cpuPerReq),
      overviewDuringIngestRequests: during.latencies.length,
      uploadRows: UPLOAD_ROWS,
      uploadMs: Math.round(during.uploadMs),
      statusVisibleOnDashboardP50Ms: Math.round(percentile(visible, 50)),
      staticCpuMsPerReq: ms(staticLoad.cpuPerReq),
      rawP50Ms: ms(percentile(raw.latencies, 50)),
      rawOneClientP50Ms: ms(raw.serialP50),
      rawStatusesP95Ms: ms(percentile(rawStatuses.latencies, 95)),
      rawStatusesOneClientP50Ms: ms(rawStatuses.serialP50),
      figures,
      clients: CLIENTS,
      requests: REQUESTS,
      webProcesses: Number(process.env.WEB_PROCESSES ?? 1),
      webPeakRssMb,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    removeStaticFile();
    await app.stop();
    await db.destroy();
  }
}

await main();
