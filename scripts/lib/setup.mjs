// Shared set-up of `npm start`, `npm test`, `npm run spm` and benchmarks: dependencies,
// local services, secrets. Plain Node (no TypeScript) so it runs before `npm ci`.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = process.env.SPM_DATA_DIR ?? path.join(ROOT, ".data");
export const BIN = path.join(ROOT, "node_modules", ".bin");
export const BASE_ENV = { NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };

export function log(message) {
  process.stderr.write(`[spm] ${message}\n`);
}

/** Runs `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(ROOT, "node_modules", ".package-lock.json");
  const lock = path.join(ROOT, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log("installing dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"], { env: process.env });
}

/**
 * Installs the Debian packages whose files are missing (`[{ file, pkg }]`) with apt when the
 * user is root; otherwise names them and throws (`required`) or says what will not work.
 */
export function ensureDebianPackages(wanted, { required = true, why = "" } = {}) {
  const missing = wanted.filter((w) => !existsSync(w.file)).map((w) => w.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    const message = `${why} need Debian's ${missing.join(", ")} (apt-get install ${missing.join(" ")})`;
    if (required) throw new Error(message);
    log(`warning: ${message}`);
    return;
  }
  log(`installing ${missing.join(", ")} with apt (once)`);
  run("bash", [
    "-c",
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`,
  ]);
}

/** Runs a command with inherited output; throws when it fails. */
export function run(cmd, args, { env = process.env, cwd = ROOT } = {}) {
  const result = spawnSync(cmd, args, { cwd, env: { ...env, ...BASE_ENV }, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  }
}

/** A random secret kept under .data/secrets with mode 0600, created on first use. */
export function secret(name, bytes = 32) {
  const dir = path.join(DATA_DIR, "secrets");
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(bytes).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * Gives the URLs of Postgres and Redis: the ones in the environment, or those of the
 * project-owned local services (infra/local/services.sh), started when needed. DATABASE_URL is
 * the apps' connection; MIGRATION_DATABASE_URL the schema owner's (migrations), the apps' own
 * when not given; ADMIN_DATABASE_URL (tests only) a role that may create databases.
 */
export function ensureServices({ test = false } = {}) {
  const env = { ...process.env, SPM_DATA_DIR: DATA_DIR };
  const given = test
    ? {
        db: env.TEST_DATABASE_URL ?? env.DATABASE_URL,
        // The production owner's URL never migrates a test database given by TEST_DATABASE_URL.
        migration:
          env.TEST_MIGRATION_DATABASE_URL ??
          (env.TEST_DATABASE_URL ? undefined : env.MIGRATION_DATABASE_URL),
        admin: env.TEST_ADMIN_DATABASE_URL,
        redis: env.TEST_REDIS_URL ?? env.REDIS_URL,
      }
    : { db: env.DATABASE_URL, migration: env.MIGRATION_DATABASE_URL, redis: env.REDIS_URL };
  if (given.db && given.redis) {
    const migration = given.migration ?? given.db;
    return {
      DATABASE_URL: given.db,
      MIGRATION_DATABASE_URL: migration,
      ADMIN_DATABASE_URL: given.admin ?? migration,
      REDIS_URL: given.redis,
      startedLocal: false,
    };
  }
  const out = execFileSync("bash", [path.join(ROOT, "infra/local/services.sh"), "up"], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const urls = Object.fromEntries(
    out
      .trim()
      .split("\n")
      .map((line) => {
        const at = line.indexOf("=");
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );
  const local = (name) => (test ? urls[`TEST_${name}`] : urls[name]);
  return {
    DATABASE_URL: given.db ?? local("DATABASE_URL"),
    MIGRATION_DATABASE_URL: given.db
      ? (given.migration ?? given.db)
      : local("MIGRATION_DATABASE_URL"),
    ADMIN_DATABASE_URL: given.db
      ? (given.admin ?? given.migration ?? given.db)
      : local("ADMIN_DATABASE_URL"),
    REDIS_URL: given.redis ?? local("REDIS_URL"),
    startedLocal: true,
  };
}

/** Stops the project-owned local services. */
export function stopServices() {
  spawnSync("bash", [path.join(ROOT, "infra/local/services.sh"), "down"], {
    env: { ...process.env, SPM_DATA_DIR: DATA_DIR },
    stdio: "inherit",
  });
}

/**
 * The environment every app process of this installation gets: the app role's connection only,
 * never the owner's or an admin's (see withOwner).
 */
export function appEnv(services, extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(TEST_)?(MIGRATION|ADMIN)_DATABASE_URL$/.test(name)) delete env[name];
  return {
    ...env,
    ...BASE_ENV,
    DATABASE_URL: services.DATABASE_URL,
    REDIS_URL: services.REDIS_URL,
    SESSION_SECRET: process.env.SESSION_SECRET ?? secret("session-secret"),
    WEBHOOK_SECRET: process.env.WEBHOOK_SECRET ?? secret("webhook-secret"),
    SECRETS_KEY: process.env.SECRETS_KEY ?? secret("secrets-key"),
    SPM_DATA_DIR: DATA_DIR,
    ...extra,
  };
}

/** The environment of `spm migrate` (and of tests that make databases): the owner's URLs added. */
export function withOwner(env, services) {
  return {
    ...env,
    MIGRATION_DATABASE_URL: services.MIGRATION_DATABASE_URL,
    ADMIN_DATABASE_URL: services.ADMIN_DATABASE_URL,
  };
}

/** Runs the spm command line (apps/ingest/src/cli) with the given environment. */
export function spm(args, env) {
  run(path.join(BIN, "tsx"), [path.join(ROOT, "apps/ingest/src/cli/main.ts"), ...args], { env });
}

/** Finds a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running child with prefixed output; returns the child process. */
export function startChild(name, cmd, args, env) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const prefix = (stream, out) =>
    stream.on("data", (chunk) => {
      for (const line of chunk.toString().split("\n")) if (line) out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return child;
}

/** Waits until an HTTP URL answers (any status below 500), or throws after the timeout. */
export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Ends a child process group politely, then firmly. */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** True when both project-owned local services already run. */
export function localServicesRunning() {
  const result = spawnSync("bash", [path.join(ROOT, "infra/local/services.sh"), "status"], {
    env: { ...process.env, SPM_DATA_DIR: DATA_DIR },
    stdio: "ignore",
  });
  return result.status === 0;
}
