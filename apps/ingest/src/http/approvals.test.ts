import { createApiToken, listAudit, lockedUnitsAmong } from "@spm/db";
import { buildProgram, createTestUser } from "@spm/db/test/factories";
import { importProgram, processStatusWork } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processUpload } from "../ingest/process-upload";
import { renderEmail } from "../notify/render";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// Approval and locking (issue 18): a programme's year at a place is submitted, approved (its
// rows then refused `period_locked`), returned with a comment or reopened; each change audited.
let app: TestApp;
let steward: string;
let stewardUser: { id: string };
let northSteward: string;
let manager: string;
let northManager: string;
let viewer: string;
const program = buildProgram({
  indicators: [{ disaggregation: "regional" }, { frequency: "quarterly", aggregation: "sum" }],
});
const [code, other] = program.indicators.map((i) => i.code) as [string, string];
const now = () => new Date("2026-06-01T00:00:00Z");

beforeAll(async () => {
  app = await startTestApp({ now });
  await importProgram(app.db, program, "test");
  stewardUser = await createTestUser(app.db, { role: "steward", email: "steward@example.org" });
  // A token the steward made: the return notice reaches the steward through it.
  steward = (
    await createApiToken(
      app.db,
      { name: "steward's script", role: "steward", createdBy: stewardUser.id },
      "test",
    )
  ).token;
  northSteward = await tokenFor(app.db, "steward", ["ZZ-N"]);
  manager = await tokenFor(app.db, "manager");
  northManager = await tokenFor(app.db, "manager", ["ZZ-N"]);
  viewer = await tokenFor(app.db, "viewer");
});
afterAll(() => app?.close());

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const act = (token: string, body: Record<string, unknown>) =>
  call("POST", "/approvals", token, { program: program.code, ...body });

/** Sends figures as a JSON batch, processes the upload, and returns its report. */
async function send(token: string, observations: unknown[], dryRun = false) {
  const posted = await call("POST", "/observations", token, { observations, dryRun });
  expect(posted.status).toBe(202);
  const id = String(posted.body.uploadId);
  await processUpload(app.db, id, { now });
  const report = await call("GET", `/uploads/${id}`, token);
  return report.body as {
    counts: { inserted: number; updated: number; rejected: number };
    errors: { row: number; field: string; code: string }[];
    statusChanges: unknown[];
  };
}

describe("approvals", () => {
  it("lock an approved unit: its rows are refused period_locked, another place's accepted, until reopened", async () => {
    const submitted = await act(steward, { year: 2019, action: "submit" });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      region: "ZZ",
      state: "submitted",
      lastAction: "submit",
    });
    const approved = await act(manager, { year: 2019, action: "approve" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: "approved", approvedAt: expect.any(String) });

    const locked = await send(steward, [
      { indicator: code, period: "2019", value: 61 },
      { indicator: code, period: "2019", region: "ZZ-N", value: 62 },
      { indicator: other, period: "2019Q2", value: 5 },
      { indicator: code, period: "2020", value: 63 },
    ]);
    expect(locked.counts).toMatchObject({ inserted: 2, rejected: 2 });
    expect(locked.errors).toEqual([
      expect.objectContaining({ row: 1, field: "period", code: "period_locked" }),
      expect.objectContaining({ row: 3, field: "period", code: "period_locked" }),
    ]);

    // A dry run says so too.
    const dry = await send(steward, [{ indicator: code, period: "2019", value: 64 }], true);
    expect(dry.errors).toEqual([expect.objectContaining({ row: 1, code: "period_locked" })]);

    const reopened = await act(manager, { year: 2019, action: "reopen" });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ state: "open", approvedAt: null });
    const after = await send(steward, [{ indicator: code, period: "2019", value: 61 }]);
    expect(after.counts).toMatchObject({ inserted: 1, rejected: 0 });

    const audit = await listAudit(app.db, {
      entityType: "approval",
      entityId: `${program.code}|2019|ZZ`,
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "approval.approve",
      "approval.reopen",
      "approval.submit",
    ]);
  });

  it("an approval waits for a chunk being applied to its unit: no row slips in after the check", async () => {
    const unit = { program: program.code, year: 2021, region: "ZZ-S" };
    expect((await act(steward, { year: 2021, region: "ZZ-S", action: "submit" })).status).toBe(200);
    let approvedAt = 0;
    let committedAt = 0;
    await app.db.transaction().execute(async (trx) => {
      expect(await lockedUnitsAmong(trx, [unit])).toEqual([]);
      void act(manager, { year: 2021, region: "ZZ-S", action: "approve" }).then((r) => {
        expect(r.status).toBe(200);
        approvedAt = performance.now();
      });
      await new Promise((r) => setTimeout(r, 400));
      committedAt = performance.now();
    });
    for (let i = 0; i < 50 && approvedAt === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(approvedAt).toBeGreaterThan(committedAt);
  });

  it("refuse a transition from the wrong state with 409 naming it, and unknown fields with 422", async () => {
    const open = await act(manager, { year: 2018, region: "ZZ-S", action: "approve" });
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ code: "unit_open", state: "open" });
    expect((await act(steward, { year: 2018, region: "ZZ-S", action: "submit" })).status).toBe(200);
    const twice = await act(steward, { year: 2018, region: "ZZ-S", action: "submit" });
    expect(twice.body).toMatchObject({ code: "unit_submitted", state: "submitted" });
    const reopen = await act(manager, { year: 2018, region: "ZZ-S", action: "reopen" });
    expect(reopen.status).toBe(409);

    for (const [body, field] of [
      [{ program: "NO-SUCH", year: 2019, action: "submit" }, "program"],
      [{ program: program.code, year: 2019, region: "ZZ-X", action: "submit" }, "region"],
      [{ program: program.code, year: 1990, action: "submit" }, "year"],
    ] as const) {
      const res = await call("POST", "/approvals", steward, body);
      expect(res.status).toBe(422);
      expect(res.body.invalid).toEqual([expect.objectContaining({ field })]);
    }
    const noComment = await act(manager, { year: 2018, region: "ZZ-S", action: "return" });
    expect(noComment.status).toBe(400);
    expect(noComment.body.invalid).toEqual([expect.objectContaining({ field: "comment" })]);
  });

  it("let stewards submit their places only, and managers of a region approve that region only", async () => {
    expect((await act(viewer, { year: 2020, action: "submit" })).status).toBe(403);
    expect((await act(northSteward, { year: 2020, action: "submit" })).status).toBe(403);
    const north = { year: 2020, region: "ZZ-N" };
    expect((await act(northSteward, { ...north, action: "submit" })).status).toBe(200);
    expect((await act(northSteward, { ...north, action: "approve" })).status).toBe(403);
    expect((await act(steward, { year: 2020, region: "ZZ-S", action: "submit" })).status).toBe(200);
    const south = await act(northManager, { year: 2020, region: "ZZ-S", action: "approve" });
    expect(south.status).toBe(403);
    expect((await act(northManager, { ...north, action: "approve" })).status).toBe(200);
    const listed = await call("GET", `/approvals?program=${program.code}&year=2020`, steward);
    const units = listed.body.units as { region: string; state: string }[];
    expect(units.map((u) => [u.region, u.state])).toEqual([
      ["ZZ", "open"],
      ["ZZ-N", "approved"],
      ["ZZ-S", "submitted"],
    ]);
    expect((await call("GET", `/approvals?program=${program.code}`, viewer)).status).toBe(403);
  });

  it("tell the steward of a return with its comment, in-app and by e-mail", async () => {
    expect((await act(steward, { year: 2022, action: "submit" })).status).toBe(200);
    const comment = "Северный регион не учтён";
    const returned = await act(manager, { year: 2022, action: "return", comment });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: "open", lastAction: "return", comment });
    const rows = await app.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", stewardUser.id)
      .where("kind", "=", "approval_returned")
      .execute();
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ["email", "pending"],
      ["in_app", "unread"],
    ]);
    const mail = renderEmail(rows[0]?.payload as never, "ru", "https://spm.example.org");
    expect(mail.subject).toContain("2022");
    expect(mail.text).toContain(comment);
    expect(mail.text).toContain(`https://spm.example.org/approvals?program=${program.code}`);
  });

  it("list each unit's state, who and when, and its figures' counts", async () => {
    const res = await call(
      "GET",
      `/approvals?program=${program.code}&year=2019&region=ZZ-N`,
      manager,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      program: program.code,
      units: [
        expect.objectContaining({
          year: 2019,
          region: "ZZ-N",
          state: "open",
          figures: 1,
          indicators: 1,
        }),
      ],
    });
    const bad = await call("GET", `/approvals?program=${program.code}&region=ZZ-Q`, manager);
    expect(bad.status).toBe(422);
  });
});

describe("statusFrom: approved", () => {
  const strict = buildProgram({
    indicators: [{ history: [{ period: "2022", value: 95, source: "t" }] }],
  });
  const strictCode = strict.indicators[0]?.code ?? "";

  it("counts a year's figures in the status only once the year is approved, and marks the point", async () => {
    await importProgram(app.db, { ...strict, statusFrom: "approved" }, "test");
    const status = async () => {
      await processStatusWork(app.db, { asOf: "2026-06-01", only: [strictCode] });
      const res = await call("GET", `/indicators/${strictCode}`, viewer);
      const body = res.body as {
        status: { current: { level: string } };
        series: { year: number; value: number | null; approval: string | null }[];
      };
      return { level: body.status.current.level, y2022: body.series.find((p) => p.year === 2022) };
    };
    const before = await status();
    expect(before.level).toBe("overdue");
    const act2022 = (action: string) =>
      call("POST", "/approvals", manager, { program: strict.code, year: 2022, action });
    expect((await act2022("submit")).status).toBe(200);
    expect((await status()).level).toBe("overdue");
    expect((await act2022("approve")).status).toBe(200);
    const after = await status();
    expect(after.level).toBe("green");
    expect(after.y2022).toMatchObject({ value: 95, approval: "approved" });
    expect((await act2022("reopen")).status).toBe(200);
    expect((await status()).level).toBe("overdue");
    // An upload's report tells no status change from a figure of a year not approved.
    const report = await send(steward, [{ indicator: strictCode, period: "2022", value: 96 }]);
    expect(report).toMatchObject({ counts: { updated: 1 }, statusChanges: [] });
    // Nor does a definition edit's preview judge 2022 on it (no figure counts: grey then).
    const preview = await call("POST", `/indicators/${strictCode}/preview`, manager, {
      targets: { "2022": 96 },
    });
    const years = preview.body.years as { year: number; after: { level: string } }[];
    expect(years.find((y) => y.year === 2022)?.after.level).not.toBe("green");
  });
});
