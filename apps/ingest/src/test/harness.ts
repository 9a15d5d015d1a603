import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createApiToken, type Db, type Role } from "@spm/db";
import { createTestDb } from "@spm/db/test/factories";
import type { Express } from "express";
import client from "prom-client";
import { createApp } from "../app";
import { createLoginLimiter } from "../auth/login-limiter";
import type { SourcesConfig } from "../http/sources";
import { createLogger } from "../logger";
import { createQueues } from "../queues";
import { createRedis } from "../redis";

export interface TestApp {
  url: string;
  /** Its queues (a keyspace of its own). */
  queues: ReturnType<typeof createQueues>;
  app: Express;
  db: Db;
  /** Every log line the app wrote, for checks that no secret is ever logged. */
  logs: string[];
  close: () => Promise<void>;
}

/** Starts the real Express app in-process on a free port, on the test Postgres and Redis. */
export async function startTestApp(
  options: {
    now?: () => Date;
    redisUrl?: string;
    appUrl?: string;
    trustedProxies?: readonly string[];
    sources?: SourcesConfig;
  } = {},
): Promise<TestApp> {
  const db = createTestDb();
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = createRedis(redisUrl, { failFast: options.redisUrl !== undefined });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger("api-test", "debug", sink);
  // A keyspace of its own: jobs this app enqueues are not taken by the suite's running worker.
  const queues = createQueues(redis, `spm-harness-${crypto.randomUUID()}`);
  for (const q of Object.values(queues)) q.on("error", () => {}); // a dead Redis is the point of some tests
  const app = createApp({
    db,
    redis,
    logger,
    registry: new client.Registry(),
    // A prefix of its own per app: one test's failed sign-ins never lock another's account.
    limiter: createLoginLimiter(redis, `spm-test-${crypto.randomUUID()}`),
    policy: { idleMinutes: 30, absoluteHours: 12 },
    allowedOrigins: [],
    queues,
    maxUploadBytes: 20 * 1024 * 1024,
    now: options.now,
    appUrl: options.appUrl,
    trustedProxies: options.trustedProxies,
    sources: options.sources,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queues,
    app,
    db,
    logs,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(
        Object.values(queues).map((q) =>
          withTimeout(q.obliterate({ force: true }).then(() => q.close())),
        ),
      );
      redis.disconnect();
      await db.destroy();
    },
  };
}

/** A Bearer token of the given role (and regions), created directly in the database. */
export async function tokenFor(
  db: Db,
  role: Role,
  regions?: string[],
  options: { confidential?: boolean } = {},
): Promise<string> {
  const { token } = await createApiToken(
    db,
    { name: `test ${role}`, role, regions, confidential: options.confidential },
    "test",
  );
  return token;
}

function withTimeout(p: Promise<unknown>, ms = 1000): Promise<unknown> {
  return Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())]);
}
