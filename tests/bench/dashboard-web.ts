// The dashboard benchmark's processes: a production build of apps/web (reused while no source
// is newer), the dashboard's server and the ingest API on free ports, and a viewer's session cookie.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Db } from "@spm/db";
import { createUser, hashPassword } from "@spm/db";
import { BIN, freePort, type Proc, ROOT, startIngest, startWeb, waitForUrl } from "../processes";
import { note } from "./measure";

const WEB = path.join(ROOT, "apps/web");
const SOURCES = [
  "apps/web/src",
  "apps/web/next.config.ts",
  "packages/db/src",
  "packages/kpi/src",
  "packages/services/src",
];

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(file).map((entry) => newestMtime(path.join(file, entry))),
  );
}

/** Builds apps/web unless its last build is newer than every source it is made from. */
export function ensureWebBuild(): void {
  const buildId = path.join(WEB, ".next/BUILD_ID");
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newest) {
    note("reusing the existing apps/web build (newer than its sources)");
    return;
  }
  note("building apps/web (next build)");
  const result = spawnSync(path.join(BIN, "next"), ["build", WEB], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (result.status !== 0) throw new Error(`next build exited with ${result.status}`);
}

export interface WebApp {
  url: string;
  web: Proc;
  api: Proc;
  worker?: Proc;
  /** Stops and starts the dashboard's server alone (it reads its static files at start). */
  restartWeb: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts the ingest API (for signing in), the dashboard's server and, if asked, a worker. */
export async function startWebApp(opts: { worker?: boolean } = {}): Promise<WebApp> {
  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const env = {
    ...process.env,
    API_PORT: String(apiPort),
    API_URL: `http://127.0.0.1:${apiPort}`,
    PORT: String(webPort),
    QUEUE_PREFIX: "bench",
    NODE_ENV: "production",
  };
  const url = `http://127.0.0.1:${webPort}`;
  const app: WebApp = {
    url,
    api: startIngest("server", env),
    web: startWeb(env),
    worker: opts.worker ? startIngest("worker", env) : undefined,
    restartWeb: async () => {
      await app.web.stop();
      app.web = startWeb(env);
      await waitForUrl(`${url}/login`, app.web);
    },
    stop: async () => {
      await Promise.all([app.api.stop(), app.web.stop(), app.worker?.stop()]);
    },
  };
  try {
    await waitForUrl(`${env.API_URL}/healthz`, app.api);
    await waitForUrl(`${url}/login`, app.web);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

/** Creates a viewer and signs in through the dashboard's origin; returns the Cookie header. */
export async function signInViewer(db: Db, url: string): Promise<string> {
  const username = `bench-viewer-${Date.now()}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-pw`;
  await createUser(
    db,
    { username, passwordHash: await hashPassword(password), role: "viewer", lang: "en" },
    "bench",
  );
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}
