import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "node_modules/.bin");

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited early:\n${output.join("")}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer:\n${output.join("")}`);
}

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
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
  return { child, output };
}

/** Starts the ingest API, one worker and the built dashboard for the system tests. */
export default async function setup(project: TestProject) {
  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const env = {
    ...process.env,
    API_PORT: String(apiPort),
    PORT: String(webPort),
    API_URL: `http://127.0.0.1:${apiPort}`,
    LOG_LEVEL: "warn",
  };
  const api = start(path.join(BIN, "tsx"), [path.join(ROOT, "apps/ingest/src/server.ts")], env);
  const worker = start(path.join(BIN, "tsx"), [path.join(ROOT, "apps/ingest/src/worker.ts")], env);
  const web = start(
    path.join(BIN, "next"),
    ["start", path.join(ROOT, "apps/web"), "-p", String(webPort)],
    env,
  );
  const children = [api, worker, web];
  try {
    await waitFor(`${env.API_URL}/healthz`, api.child, api.output);
    await waitFor(`http://127.0.0.1:${webPort}/`, web.child, web.output);
  } catch (error) {
    for (const c of children) c.child.kill("SIGKILL");
    throw error;
  }
  project.provide("apiUrl", env.API_URL);
  project.provide("webUrl", `http://127.0.0.1:${webPort}`);
  return async () => {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            process.kill(-(child.pid ?? 0), "SIGTERM");
            setTimeout(
              () => child.exitCode === null && process.kill(-(child.pid ?? 0), "SIGKILL"),
              10_000,
            );
          }),
      ),
    );
  };
}
