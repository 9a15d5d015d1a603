// A webhook send holds no row lock and no open transaction: while a slow receiver keeps the
// request waiting, anyone else can lock and update the notification row at once.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDb, uniqueSuffix } from "@spm/db/test/factories";
import { deliverNotification } from "@spm/services";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createNotifier } from "./deliver";
import { reminderRow } from "./test-rows";

const db = createTestDb();
let server: Server;
let url = "";
let received: () => void;
const requestArrived = new Promise<void>((resolve) => {
  received = resolve;
});
let answer: () => void;
const answered = new Promise<void>((resolve) => {
  answer = resolve;
});

beforeAll(async () => {
  // Answers only when the test says so: the send stays in flight meanwhile.
  server = createServer((req, res) => {
    req.resume();
    received();
    void answered.then(() => res.end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  answer();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.destroy();
});

it("leaves the notification row unlocked while its webhook is being sent", async () => {
  const { payload } = reminderRow(url);
  const { id } = await db
    .insertInto("notifications")
    .values({
      dedupe_key: `lease-${uniqueSuffix()}`,
      kind: "reminder_due",
      channel: "webhook",
      address: url,
      lang: "en",
      payload: JSON.stringify(payload),
      status: "pending",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const notifier = createNotifier({
    from: "x@example.org",
    appUrl: "http://x",
    webhookSecret: "0123456789abcdef0123",
    webhookAllowPrivate: true,
    webhookTimeoutMs: 20_000,
  });
  const delivery = deliverNotification(
    db,
    id,
    (row) => notifier.webhook(row),
    () => new Date(),
  );
  await requestArrived;
  // Another connection locks and changes the row now, waiting at most 200 ms for any lock.
  const claim = await db.transaction().execute(async (trx) => {
    await sql`set local lock_timeout = '200ms'`.execute(trx);
    const row = await trx
      .selectFrom("notifications")
      .select(["status", "claimed_by"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx.updateTable("notifications").set({ lang: "ru" }).where("id", "=", id).execute();
    return row;
  });
  expect(claim.status).toBe("pending");
  expect(claim.claimed_by).toEqual(expect.any(String));
  answer();
  expect(await delivery).toBe("sent");
  const row = await db
    .selectFrom("notifications")
    .select(["status", "claimed_by"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ status: "sent", claimed_by: null });
  notifier.close();
});
