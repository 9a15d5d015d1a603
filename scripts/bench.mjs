// `npm run bench -- <kind>`: self-contained benchmarks. Each starts its own Postgres and Redis
// (a temporary data folder, free ports), the processes it measures, a raw baseline in the same
// run, stops everything, and prints one JSON object as the last line of standard output.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BASE_ENV, BIN, ensureDependencies, freePort, log, ROOT } from "./lib/setup.mjs";

const kind = process.argv[2];
const script = path.join(ROOT, "tests/bench", `${kind}.ts`);
if (!kind || !existsSync(script)) {
  log(`usage: npm run bench -- <kind>   (kinds: files in tests/bench/*.ts, e.g. ingest)`);
  process.exit(2);
}
ensureDependencies();
const dataDir = mkdtempSync(path.join(tmpdir(), "spm-bench-"));
chmodSync(dataDir, 0o755);
// The same server settings for every pipeline and baseline of a run, chosen on purpose (see
// tests/bench/RESULTS.md): production durability (fsync, synchronous commits, full-page writes
// as shipped), shared buffers that hold a million figures' working set, and WAL room enough that
// checkpoints come from the clock rather than from a million rows' WAL. BENCH_PG_SETTINGS overrides.
const PG_SETTINGS =
  process.env.BENCH_PG_SETTINGS ?? "shared_buffers=512MB max_wal_size=8GB checkpoint_timeout=15min";
const serviceEnv = {
  ...process.env,
  SPM_PG_SETTINGS: PG_SETTINGS,
  SPM_DATA_DIR: dataDir,
  SPM_PG_PORT: String(await freePort()),
  SPM_REDIS_PORT: String(await freePort()),
};
const services = path.join(ROOT, "infra/local/services.sh");
let code = 1;
try {
  const up = spawnSync("bash", [services, "up"], {
    env: serviceEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (up.status !== 0) throw new Error("services did not start");
  const urls = Object.fromEntries(
    up.stdout
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  const result = spawnSync(path.join(BIN, "tsx"), [script], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...BASE_ENV,
      DATABASE_URL: urls.DATABASE_URL,
      MIGRATION_DATABASE_URL: urls.MIGRATION_DATABASE_URL,
      ADMIN_DATABASE_URL: urls.ADMIN_DATABASE_URL,
      REDIS_URL: urls.REDIS_URL,
      LOG_LEVEL: "warn",
    },
    stdio: "inherit",
  });
  code = result.status ?? 1;
} finally {
  spawnSync("bash", [services, "down"], { env: serviceEnv, stdio: "inherit" });
  spawnSync("pkill", ["-KILL", "-f", dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
