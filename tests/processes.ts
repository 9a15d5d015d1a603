import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withApiHeap } from "../scripts/lib/heap.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = path.join(ROOT, "node_modules/.bin");

export interface Proc {
  child: ChildProcess;
  output: string[];
  /** Signals the whole process group (tsx runs node as a child). */
  signal: (sig: NodeJS.Signals) => void;
  stop: () => Promise<void>;
}

/** Finds a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** Starts a process in its own group, keeping its last lines of output for error messages. */
/** The test database's URLs: the app role's, the schema owner's and an admin's (makes databases). */
export function databaseUrls(): { app: string; owner: string; admin: string } {
  const app = process.env.DATABASE_URL ?? "";
  const owner = process.env.MIGRATION_DATABASE_URL ?? app;
  return { app, owner, admin: process.env.ADMIN_DATABASE_URL ?? owner };
}

/** The environment of an app process: never the owner's or an admin's database URL. */
function appOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { MIGRATION_DATABASE_URL, ADMIN_DATABASE_URL, ...rest } = env;
  return rest;
}

export function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const output: string[] = [];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // A process that dies while the tests still need it says why (its last lines), once.
  let stopping = false;
  child.once("exit", (code, sig) => {
    if (stopping) return;
    process.stderr.write(
      `[tests] ${path.basename(args.at(-1) ?? cmd)} exited unexpectedly (code ${code}, signal ${sig}); its last output:\n${output.join("")}\n`,
    );
  });
  const signal = (sig: NodeJS.Signals) => {
    stopping = true;
    try {
      process.kill(-(child.pid ?? 0), sig);
    } catch {
      // already gone
    }
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      signal("SIGTERM");
      setTimeout(() => signal("SIGKILL"), 10_000).unref();
    });
  return { child, output, signal, stop };
}

/** Starts the ingest API or a worker with tsx (the API within its heap budget). */
export function startIngest(kind: "server" | "worker", env: NodeJS.ProcessEnv): Proc {
  return startProcess(
    path.join(BIN, "tsx"),
    [path.join(ROOT, `apps/ingest/src/${kind}.ts`)],
    // The API runs on the memory budget it has in production (scripts/lib/heap.mjs).
    kind === "server" ? withApiHeap(appOnly(env)) : appOnly(env),
  );
}

/** The dashboard's server (apps/web/server.ts: the built Next.js app behind its page cache). */
export function startWeb(env: NodeJS.ProcessEnv): Proc {
  return startProcess(path.join(BIN, "tsx"), [path.join(ROOT, "apps/web/server.ts")], appOnly(env));
}

/** Waits until a URL answers below 500, failing early when the process dies. */
export async function waitForUrl(url: string, proc: Proc, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`process exited early:\n${proc.output.join("")}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer:\n${proc.output.join("")}`);
}
