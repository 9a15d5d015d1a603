// `npm start` supervises what it starts: the worker and then the API are killed with SIGKILL
// during an upload sent to the dashboard's origin; each comes back by itself, the upload
// completes exactly once, the dashboard keeps answering, and Ctrl-C still stops everything.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { figureKey, monthlyProgram } from "../figures";
import { freePort, type Proc, ROOT, startProcess } from "../processes";
import { tokenFor } from "../support";

const db = createTestDb();
const dataDir = mkdtempSync(path.join(tmpdir(), "spm-supervise-"));
let start: Proc | undefined;

afterAll(async () => {
  await start?.stop();
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const log = () => start?.output.join("") ?? "";

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const found = await Promise.resolve()
      .then(check)
      .catch(() => undefined);
    if (found !== undefined && found !== false) return found as T;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}\n${log().slice(-4000)}`);
}

/** The pid `npm start` reported for the latest start of a process. */
function pidOf(name: string): number | undefined {
  const all = [...log().matchAll(new RegExp(`started ${name} \\(pid (\\d+)\\)`, "g"))];
  const last = all.at(-1);
  return last ? Number(last[1]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  it("restarts a killed worker and API by itself; the upload in flight completes once", async () => {
    const { program, codes } = monthlyProgram(250);
    await importProgram(db, program, "test");
    const [port, apiPort] = await Promise.all([freePort(), freePort()]);
    const web = `http://127.0.0.1:${port}`;
    start = startProcess(process.execPath, [path.join(ROOT, "scripts/start.mjs"), "--no-build"], {
      ...process.env,
      PORT: String(port),
      API_PORT: String(apiPort),
      API_URL: `http://127.0.0.1:${apiPort}`,
      APP_URL: web,
      SPM_DATA_DIR: dataDir,
      QUEUE_PREFIX: `spm-test-supervise-${port}`,
      LOG_LEVEL: "warn",
      WORKER_LOCK_MS: "3000",
      RECONCILE_EVERY_MS: "1000",
      RECONCILE_GRACE_MS: "2000",
    });
    await waitFor("npm start to serve", () => log().includes("is running on"));
    // The apps get the app role's database connection only, never the owner's or an admin's.
    for (const name of ["api", "worker", "web"]) {
      const environ = readFileSync(`/proc/${pidOf(name)}/environ`, "utf8").split("\0");
      const names = environ.map((v) => v.slice(0, v.indexOf("=")));
      expect(names, name).toContain("DATABASE_URL");
      expect(names, name).not.toContain("MIGRATION_DATABASE_URL");
      expect(names, name).not.toContain("ADMIN_DATABASE_URL");
    }

    const rows = 110_000; // of 250 × 3 places × 156 months distinct figures
    const lines = ["indicator,period,region,value"];
    for (let i = 0; i < rows; i++) {
      const f = figureKey(codes, i);
      lines.push(`${f.indicator},${f.period},${f.region},${i % 1000}`);
    }
    const form = new FormData();
    form.append("file", new Blob([`${lines.join("\n")}\n`]), "figures.csv");
    const auth = { authorization: `Bearer ${await tokenFor("steward")}` };
    const res = await fetch(`${web}/api/v1/uploads`, { method: "POST", headers: auth, body: form });
    expect(res.status).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    const progress = async () =>
      (
        await db
          .selectFrom("uploads")
          .select(["progress_done", "status", "inserted", "rejected"])
          .where("id", "=", uploadId)
          .executeTakeFirstOrThrow()
      ).progress_done;
    await waitFor("the worker to be part-way", async () => (await progress()) >= 10_000);

    const worker = pidOf("worker") as number;
    process.kill(-worker, "SIGKILL");
    await waitFor("the worker's restart", () => (pidOf("worker") !== worker ? true : undefined));
    expect(log()).toMatch(/worker stopped unexpectedly \(signal SIGKILL\); restarting it in 1 s/);
    expect((await fetch(`${web}/login`)).status).toBe(200);

    const api = pidOf("api") as number;
    process.kill(-api, "SIGKILL");
    // While the API is away the dashboard answers, and says the API is not reachable.
    const away = await fetch(`${web}/api/v1/auth/me`);
    expect([502, 401]).toContain(away.status);
    expect((await fetch(`${web}/login`)).status).toBe(200);
    await waitFor("the API's restart", async () =>
      pidOf("api") !== api && (await fetch(`${web}/api/v1/auth/me`)).status === 401
        ? true
        : undefined,
    );
    expect(log()).toMatch(/api stopped unexpectedly \(signal SIGKILL\); restarting it/);

    const done = await waitFor("the upload to complete", async () => {
      const r = await fetch(`${web}/api/v1/uploads/${uploadId}`, { headers: auth });
      const body = (await r.json()) as { status: string; counts: Record<string, number> };
      return body.status === "completed" ? body : undefined;
    });
    expect(done.counts).toEqual({
      received: rows,
      inserted: rows,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const { rows: stored } = await sql<{ revisions: string; distinct: string }>`
      select count(*) as revisions, count(distinct (indicator_code, region_code, period)) as distinct
      from observation_revisions where upload_id = ${uploadId}`.execute(db);
    expect(stored[0]).toEqual({ revisions: String(rows), distinct: String(rows) });

    // Ctrl-C stops everything it started.
    const children = ["api", "worker", "web"].map((n) => pidOf(n) as number);
    const exited = new Promise((r) => start?.child.once("exit", r));
    start.signal("SIGINT");
    await exited;
    await waitFor("every child to stop", () => (children.some(alive) ? undefined : true));
  }, 300_000);
});

describe("supervise", () => {
  it("gives up, with the reason, on a process that keeps crashing", async () => {
    const { supervise } = await import("../../scripts/lib/supervise.mjs");
    const { spawn } = await import("node:child_process");
    let starts = 0;
    const reason = await new Promise<string>((onGiveUp) =>
      supervise(
        "crasher",
        () => {
          starts++;
          return spawn(process.execPath, ["-e", "process.exit(3)"], { detached: true });
        },
        { onGiveUp, maxCrashes: 3, windowMs: 60_000 },
      ),
    );
    expect(starts).toBe(3);
    expect(reason).toBe(
      "crasher stopped 3 times within 1 min (last: code 3); its last lines are above",
    );
  }, 30_000);
});
