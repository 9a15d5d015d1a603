import type { Db } from "@spm/db";
import { Router } from "express";
import type { Redis } from "ioredis";
import { sql } from "kysely";
import type client from "prom-client";

async function probe(check: () => Promise<unknown>): Promise<"up" | "down"> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return "up";
  } catch {
    return "down";
  }
}

/** Liveness, readiness (Postgres and Redis) and Prometheus metrics. */
export function healthRouter(deps: { db: Db; redis: Redis; registry: client.Registry }): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const [postgres, redis] = await Promise.all([
      probe(() => sql`select 1`.execute(deps.db)),
      probe(() => deps.redis.ping()),
    ]);
    const ready = postgres === "up" && redis === "up";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "degraded", postgres, redis });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}
