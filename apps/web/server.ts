// The dashboard's HTTP server: the production build of Next.js behind a cache of rendered pages
// (src/server/page-cache.ts), in WEB_PROCESSES processes sharing one port (node:cluster).
// `npm start` and the tests run it with tsx: `PORT=3000 tsx apps/web/server.ts`.
import cluster from "node:cluster";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toIsoDate } from "@spm/kpi";
import next from "next";
import { HSTS, isHttpsRequest } from "./src/lib/https";
import { PEER_HEADER } from "./src/lib/peer";
import { hasMalformedPath, refuseMalformedPath } from "./src/server/malformed-path";
import {
  cacheEncoding,
  capture,
  isCacheable,
  PageCache,
  pageKey,
  replay,
} from "./src/server/page-cache";
import { readerOf } from "./src/server/reader";

const DIR = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const processes = Math.max(1, Number(process.env.WEB_PROCESSES ?? 1));
const cacheMb = Number(process.env.PAGE_CACHE_MB ?? 64);

function log(fields: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...fields })}\n`);
}

async function serveOne(): Promise<void> {
  const app = next({ dev: false, dir: DIR, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const cache = new PageCache(cacheMb * 1024 * 1024);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The address that connected, for the /api forwarder; a client's own value is replaced.
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    if (hasMalformedPath(req.url)) return refuseMalformedPath(res);
    // On every answer, cached or not, static files included; decided per request, never cached.
    if (isHttpsRequest(req.headers, req.socket.remoteAddress)) {
      res.setHeader("strict-transport-security", HSTS);
    }
    if (cacheMb <= 0 || !isCacheable(req)) return handle(req, res);
    const now = new Date();
    const inputs = await readerOf(req, now).catch((error: unknown) => {
      log({ event: "page_cache_reader_failed", error: String(error) });
      return null;
    });
    // Not signed in (or the database is away): the page answers as it would without a cache.
    if (!inputs) return handle(req, res);
    // The copy is kept in the one encoding asked for, so a render and its replay agree.
    req.headers["accept-encoding"] = cacheEncoding(req.headers["accept-encoding"]);
    const key = pageKey(req, { ...inputs, today: toIsoDate(now) });
    const hit = cache.get(key);
    if (hit) return replay(res, hit, false);
    const pending = cache.pending(key);
    if (pending) {
      const page = await pending;
      if (page) return replay(res, page, false);
      return handle(req, res);
    }
    res.setHeader("x-spm-cache", "miss");
    cache.track(
      key,
      capture(res, { maxBytes: 16 * 1024 * 1024, dataVersion: inputs.reader.dataVersion }),
    );
    return handle(req, res);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      log({ event: "request_failed", url: req.url, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.listen(port, () => log({ event: "listening", port, pid: process.pid }));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (processes > 1 && cluster.isPrimary) {
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  // One process lost is the whole server lost: the supervisor of `npm start` restarts it.
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    log({ event: "web_process_exited", pid: worker.process.pid, code });
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill();
    process.exit(1);
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  await serveOne();
}
