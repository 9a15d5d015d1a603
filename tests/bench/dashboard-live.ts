// The dashboard benchmark's measures of a living system: the overview while a large upload is
// processed, the time from a posted figure to its level on the overview, and the floor of the
// stack (a static file of the overview's size through the same server).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ProgramDefinition } from "@spm/kpi";
import { ROOT } from "../processes";
import { monthsOf } from "./dashboard-data";
import { note, percentile, runConcurrent } from "./measure";

const STATIC_DIR = path.join(ROOT, "apps/web/.next/static/bench");

/** Writes `html` where the built dashboard serves static files; returns its URL path. */
export function writeStaticFile(html: string): string {
  mkdirSync(STATIC_DIR, { recursive: true });
  writeFileSync(path.join(STATIC_DIR, "overview.html"), html);
  return "/_next/static/bench/overview.html";
}

export function removeStaticFile(): void {
  rmSync(STATIC_DIR, { recursive: true, force: true });
}

/** `rows` figures of the programme, each a new value for a figure already stored, as a CSV. */
export function updateCsv(program: ProgramDefinition, rows: number): Blob {
  const codes = program.indicators.map((i) => i.code);
  const regions = program.regions.map((r) => r.code);
  const months = monthsOf(program);
  const parts = ["indicator,period,region,value\n"];
  for (let i = 0; i < rows; i++) {
    const code = codes[i % codes.length];
    const region = regions[Math.floor(i / codes.length) % regions.length];
    const month = months[Math.floor(i / (codes.length * regions.length)) % months.length];
    parts.push(`${code},${month},${region},${50 + (i % 40) + 0.5}\n`);
  }
  return new Blob(parts);
}

/**
 * Posts `file` as one upload through the dashboard's origin and loads the overview with
 * `clients` readers until the upload has completed; the overview's latencies meanwhile.
 */
export async function overviewDuringUpload(args: {
  url: string;
  token: string;
  file: Blob;
  clients: number;
  overview: (client: number) => Promise<unknown>;
}): Promise<{ latencies: number[]; uploadMs: number }> {
  const auth = { authorization: `Bearer ${args.token}` };
  let done = false;
  const t0 = performance.now();
  const upload = (async () => {
    try {
      const form = new FormData();
      form.append("file", args.file, "update.csv");
      const res = await fetch(`${args.url}/api/v1/uploads`, {
        method: "POST",
        headers: auth,
        body: form,
      });
      if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
      const { uploadId } = (await res.json()) as { uploadId: string };
      for (;;) {
        const r = await fetch(`${args.url}/api/v1/uploads/${uploadId}?errorsLimit=1`, {
          headers: auth,
        });
        const body = (await r.json()) as { status: string };
        if (body.status === "failed") throw new Error("the upload failed");
        if (body.status === "completed") return;
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      done = true;
    }
  })();
  const load = runConcurrent(
    args.clients,
    () => !done,
    async (c) => {
      await args.overview(c);
    },
  );
  // A failed read must not go unhandled while the upload is awaited: it is rethrown below.
  load.catch(() => {});
  await upload;
  const { latencies } = await load;
  const uploadMs = performance.now() - t0;
  note(
    `overview during an upload of ${Math.round(args.file.size / 1e6)} MB (${Math.round(uploadMs)} ms): ` +
      `${latencies.length} requests, p95 ${Math.round(percentile(latencies, 95))} ms`,
  );
  return { latencies, uploadMs };
}

/** The level the overview's HTML shows for an indicator (its row's first badge). */
export function levelIn(html: string, code: string): string | undefined {
  const row = html.indexOf(`data-indicator="${code}"`);
  if (row < 0) return undefined;
  return /data-level="([a-z_]+)"/.exec(html.slice(row, row + 4000))?.[1];
}

/**
 * Posts a national figure for the programme's last month that turns the indicator's level over
 * (high, then low, and so on), and times each until the overview's HTML shows the new level.
 */
export async function statusVisible(args: {
  url: string;
  token: string;
  program: ProgramDefinition;
  code: string;
  samples: number;
  readOverview: () => Promise<string>;
}): Promise<number[]> {
  const period = monthsOf(args.program).at(-1) ?? "";
  const post = async (value: number) => {
    const res = await fetch(`${args.url}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${args.token}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: args.code, period, value }] }),
    });
    if (res.status !== 202) throw new Error(`a figure answered ${res.status}`);
  };
  const waitFor = async (level: string | null, not?: string) => {
    const deadline = performance.now() + 30_000;
    for (;;) {
      const seen = levelIn(await args.readOverview(), args.code);
      if (seen && (level ? seen === level : seen !== not)) return seen;
      if (performance.now() > deadline) throw new Error(`the overview kept showing ${seen}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  // The two levels the two values give, learnt once before timing.
  const before = levelIn(await args.readOverview(), args.code) ?? "";
  await post(100);
  const high = await waitFor(null, before === "green" ? "" : before);
  await post(0);
  const low = await waitFor(null, high);
  const levels = { 100: high, 0: low };
  const latencies: number[] = [];
  for (let i = 0; i < args.samples; i++) {
    const value = i % 2 === 0 ? 100 : 0;
    const t0 = performance.now();
    await post(value);
    await waitFor(levels[value]);
    latencies.push(performance.now() - t0);
  }
  note(
    `figure posted → level on the overview (${high}/${low}), ${args.samples} samples: ` +
      `p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms`,
  );
  return latencies;
}
