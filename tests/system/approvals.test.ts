// Approval and locking end to end with real components: the API, a worker, Postgres, Redis and
// an SMTP server. An approved year's rows are refused `period_locked` by the worker while another
// place's are applied; a return reaches the steward in-app and by e-mail; statusFrom: approved.
import { randomBytes } from "node:crypto";
import { createApiToken } from "@spm/db";
import { buildProgram, createTestUser } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlertStack, startAlertStack } from "../alert-stack";
import { databaseUrls } from "../processes";

const program = buildProgram({ indicators: [{ disaggregation: "regional" }] });
const code = program.indicators[0]?.code ?? "";
// Its 2022 figure counts in the status only once 2022 is approved nationally.
const strict = {
  ...buildProgram({ indicators: [{ history: [{ period: "2022", value: 95, source: "t" }] }] }),
  statusFrom: "approved" as const,
};
const strictCode = strict.indicators[0]?.code ?? "";
let stack: AlertStack;
let steward: string;
let northManager: string;
const stewardEmail = "steward@example.org";

beforeAll(async () => {
  stack = await startAlertStack({
    databases: databaseUrls(),
    redisUrl: process.env.REDIS_URL ?? "",
    program,
    tag: "approvals",
  });
  await importProgram(stack.db, strict, "test");
  const user = await createTestUser(stack.db, { role: "steward", email: stewardEmail });
  await stack.db.updateTable("users").set({ lang: "ru" }).where("id", "=", user.id).execute();
  // The steward's token is the steward's own: the return notice reaches its maker.
  steward = (
    await createApiToken(
      stack.db,
      { name: "approvals steward", role: "steward", createdBy: user.id },
      "test",
    )
  ).token;
  northManager = (
    await createApiToken(
      stack.db,
      { name: "approvals north manager", role: "manager", regions: ["ZZ-N"] },
      "test",
    )
  ).token;
}, 120_000);
afterAll(() => stack?.stop());

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.api}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { "content-type": "application/json" } : {}),
      ...(path === "/observations" ? { "idempotency-key": randomBytes(8).toString("hex") } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const act = (token: string, body: Record<string, unknown>) =>
  call(token, "POST", "/approvals", { program: program.code, ...body });

/** Sends figures as a JSON batch and waits for the worker's report. */
async function send(observations: unknown[]) {
  const posted = await call(steward, "POST", "/observations", { observations });
  expect(posted.status).toBe(202);
  for (let i = 0; i < 300; i += 1) {
    const report = await call(steward, "GET", `/uploads/${posted.body.uploadId}`);
    if (report.body.status === "completed") {
      return report.body as {
        counts: { inserted: number; rejected: number };
        errors: { row: number; code: string }[];
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the worker did not process the upload in 30 s");
}

/** The strict programme's national level, once the worker has settled on `level`. */
async function waitForLevel(level: string) {
  let seen = "";
  for (let i = 0; i < 300; i += 1) {
    const res = await call(steward, "GET", `/indicators/${strictCode}`);
    seen = (res.body.status as { current: { level: string } }).current.level;
    if (seen === level) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the level stayed ${seen}, not ${level}`);
}

describe("approval and locking through the running API and worker", () => {
  it("refuses an approved year's rows period_locked while another place's are applied, until reopened", async () => {
    expect((await act(steward, { year: 2021, action: "submit" })).status).toBe(200);
    expect((await act(stack.manager.token, { year: 2021, action: "approve" })).status).toBe(200);
    const locked = await send([
      { indicator: code, period: "2021", value: 70 },
      { indicator: code, period: "2021", region: "ZZ-N", value: 71 },
    ]);
    expect(locked.counts).toMatchObject({ inserted: 1, rejected: 1 });
    expect(locked.errors).toEqual([expect.objectContaining({ row: 1, code: "period_locked" })]);
    expect((await act(stack.manager.token, { year: 2021, action: "reopen" })).status).toBe(200);
    const open = await send([{ indicator: code, period: "2021", value: 70 }]);
    expect(open.counts).toMatchObject({ inserted: 1, rejected: 0 });
  });

  it("tells the steward of a return with its comment, in-app and by e-mail", async () => {
    expect((await act(steward, { year: 2022, action: "submit" })).status).toBe(200);
    const comment = "Нет данных по Северу";
    const returned = await act(stack.manager.token, { year: 2022, action: "return", comment });
    expect(returned.status).toBe(200);
    const [mail] = await stack.waitForMails((m) => m.to.includes(stewardEmail));
    expect(mail?.subject).toContain("Данные возвращены");
    expect(mail?.raw).toContain("approvals?program=");
    const inApp = await stack.db
      .selectFrom("notifications")
      .select(["status", "payload"])
      .where("channel", "=", "in_app")
      .where("kind", "=", "approval_returned")
      .execute();
    expect(inApp).toEqual([
      { status: "unread", payload: expect.objectContaining({ comment, year: 2022 }) },
    ]);
  });

  it("lets a manager limited to a region approve that region only", async () => {
    for (const region of ["ZZ-N", "ZZ-S"]) {
      expect((await act(steward, { year: 2020, region, action: "submit" })).status).toBe(200);
    }
    const south = await act(northManager, { year: 2020, region: "ZZ-S", action: "approve" });
    expect(south.status).toBe(403);
    const north = await act(northManager, { year: 2020, region: "ZZ-N", action: "approve" });
    expect(north.body).toMatchObject({ state: "approved", region: "ZZ-N" });
  });

  it("with statusFrom: approved, changes the status only after approval", async () => {
    await waitForLevel("overdue");
    const strictAct = (action: string) =>
      call(stack.manager.token, "POST", "/approvals", { program: strict.code, year: 2022, action });
    expect((await strictAct("submit")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    await waitForLevel("overdue");
    expect((await strictAct("approve")).status).toBe(200);
    const green = await waitForLevel("green");
    const series = green.series as { year: number; approval: string | null }[];
    expect(series.find((p) => p.year === 2022)?.approval).toBe("approved");
  });
});
