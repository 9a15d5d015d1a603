import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createQueues } from "../queues";
import { createRedis } from "../redis";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";
import { uploadJobId } from "./enqueue";
import { reconcileUploads } from "./reconcile";

// Port 1 never has a Redis: the API's queues fail at once, as when Redis is down.
const DEAD_REDIS = "redis://127.0.0.1:1/0";
let app: TestApp;
const program = buildProgram();

beforeAll(async () => {
  app = await startTestApp({ redisUrl: DEAD_REDIS });
  await importProgram(app.db, program, "test");
});
afterAll(() => app?.close());

it("accepts uploads while Redis is down, says so on /readyz, and the reconciler enqueues them later", async () => {
  const ready = await fetch(`${app.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ postgres: "up", redis: "down" });
  const token = await tokenFor(app.db, "steward");
  const res = await fetch(`${app.url}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      observations: [{ indicator: program.indicators[0]?.code, period: "2019", value: 50 }],
    }),
  });
  expect(res.status).toBe(202);
  const { uploadId } = (await res.json()) as { uploadId: string };
  const redis = createRedis(process.env.REDIS_URL ?? "");
  const queues = createQueues(redis, `spm-test-reconcile-${crypto.randomUUID()}`);
  try {
    const logger = { info: () => {}, warn: () => {} } as never;
    // Older than the grace period: pretend the reconciler runs a minute later.
    await reconcileUploads(app.db, queues.uploads, logger, new Date(Date.now() + 60_000));
    const job = await queues.uploads.getJob(uploadJobId(uploadId, 0));
    expect(job?.data).toEqual({ uploadId });
  } finally {
    await Promise.all(
      Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())),
    );
    await redis.quit();
  }
});
