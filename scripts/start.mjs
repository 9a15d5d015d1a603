// `npm start`: install, provide Postgres and Redis, migrate, seed, build, then serve the
// dashboard, the ingest API and one worker until Ctrl-C, which stops everything it started.
// A process that crashes is restarted (lib/supervise.mjs); `--no-build` serves the last build.
import path from "node:path";
import { withApiHeap } from "./lib/heap.mjs";
import {
  appEnv,
  BIN,
  ensureDebianPackages,
  ensureDependencies,
  ensureServices,
  localServicesRunning,
  log,
  ROOT,
  run,
  spm,
  startChild,
  stopServices,
  waitForHttp,
  withOwner,
} from "./lib/setup.mjs";
import { supervise } from "./lib/supervise.mjs";

ensureDependencies();
// The API prints annual reports to PDF with Debian's Chromium (CHROMIUM_PATH).
ensureDebianPackages(
  [{ file: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", pkg: "chromium" }],
  {
    required: false,
    why: "PDF reports",
  },
);
const hadServices = localServicesRunning();
const services = ensureServices();
const port = Number(process.env.PORT ?? 3000);
const apiPort = Number(process.env.API_PORT ?? 4000);
const env = appEnv(services, {
  NODE_ENV: "production",
  PORT: String(port),
  API_PORT: String(apiPort),
  API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}`,
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
});

spm(["migrate"], withOwner(env, services));
spm(["seed"], env);
if (!process.argv.includes("--no-build")) {
  log("building");
  run(path.join(BIN, "turbo"), ["run", "build", "--output-logs=errors-only"], { env });
}

const tsx = path.join(BIN, "tsx");
const giveUp = () => shutdown(1);
const supervised = [
  supervise(
    "api",
    () => startChild("api", tsx, [path.join(ROOT, "apps/ingest/src/server.ts")], withApiHeap(env)),
    {
      onGiveUp: giveUp,
    },
  ),
  supervise(
    "worker",
    () => startChild("worker", tsx, [path.join(ROOT, "apps/ingest/src/worker.ts")], env),
    { onGiveUp: giveUp },
  ),
  supervise("web", () => startChild("web", tsx, [path.join(ROOT, "apps/web/server.ts")], env), {
    onGiveUp: giveUp,
  }),
];

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log("stopping");
  await Promise.all(supervised.map((s) => s.stop()));
  if (services.startedLocal && !hadServices) stopServices();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`);
await waitForHttp(`http://127.0.0.1:${port}/`);
log(
  `State Program Monitor is running on http://localhost:${port} (API on port ${apiPort}). Ctrl-C stops it.`,
);
