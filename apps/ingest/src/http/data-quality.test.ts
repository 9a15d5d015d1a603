import { listAudit } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processUpload } from "../ingest/process-upload";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// Issue 18: the data-quality list of a programme's warnings and the follow-up marks, audited.
let app: TestApp;
const program = buildProgram({
  indicators: [
    {
      disaggregation: "regional",
      validation: [{ rule: "max", value: 80, severity: "warning" }],
    },
  ],
});
const [IND] = program.indicators.map((i) => i.code) as [string];
const tokens: Record<string, string> = {};
const now = () => new Date("2026-12-08T08:00:00Z");

interface Item {
  id: string;
  indicator: string;
  region: string;
  period: string;
  value: number | null;
  withheld: boolean;
  code: string;
  message: string;
  uploadId: string;
  followUp: { comment: string | null; by: string } | null;
}

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  tokens.viewer = await tokenFor(app.db, "viewer");
  tokens.secretViewer = await tokenFor(app.db, "viewer", undefined, { confidential: true });
  tokens.steward = await tokenFor(app.db, "steward");
  tokens.north = await tokenFor(app.db, "steward", ["ZZ-N"]);
  tokens.manager = await tokenFor(app.db, "manager");
});
afterAll(() => app?.close());

async function call(token: string, path: string, init: RequestInit = {}, lang = "en") {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "accept-language": lang,
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function send(observations: unknown[], dryRun = false) {
  const r = await call(tokens.steward ?? "", "/observations", {
    method: "POST",
    body: JSON.stringify({ observations, dryRun }),
  });
  const id = String(r.body.uploadId);
  await processUpload(app.db, id, { now });
  return id;
}

const list = async (token: string, query = "", lang = "en") => {
  const r = await call(token, `/data-quality?program=${program.code}${query}`, {}, lang);
  expect(r.status).toBe(200);
  return r.body.warnings as Item[];
};

describe("the data-quality list", () => {
  let uploadId = "";
  beforeAll(async () => {
    uploadId = await send([
      { indicator: IND, period: "2019", region: "ZZ-S", value: 85 },
      { indicator: IND, period: "2019", region: "ZZ-N", value: 90, flag: "confidential" },
      { indicator: IND, period: "2020", region: "ZZ-N", value: 50 },
    ]);
    await send([{ indicator: IND, period: "2021", value: 99 }], true);
  });

  it("lists a real upload's warnings (never a dry run's) in the reader's language", async () => {
    const items = await list(tokens.viewer ?? "", "", "ru");
    expect(items.map((w) => [w.region, w.period, w.code, w.uploadId])).toEqual([
      ["ZZ-S", "2019", "rule_max", uploadId],
      ["ZZ-N", "2019", "rule_max", uploadId],
    ]);
    expect(items[0]).toMatchObject({ value: 85, withheld: false, followUp: null });
    expect(items[0]?.message).toBe("85 больше максимума индикатора (80).");
  });

  it("withholds a confidential figure's value from a reader without the right", async () => {
    const [, plain] = await list(tokens.viewer ?? "");
    expect(plain).toMatchObject({ region: "ZZ-N", value: null, withheld: true });
    expect(plain?.message).not.toContain("90");
    const [, permitted] = await list(tokens.secretViewer ?? "");
    expect(permitted).toMatchObject({ region: "ZZ-N", value: 90, withheld: false });
    // The upload's report too: a manager without the right reads the warning without the value.
    const report = await call(tokens.manager ?? "", `/uploads/${uploadId}`);
    const warnings = report.body.warnings as { row: number; message: string; params: object }[];
    expect(warnings.map((w) => [w.row, w.params])).toEqual([
      [1, { value: 85, max: 80 }],
      [2, { value: "…", max: 80 }],
    ]);
    expect(warnings[1]?.message).not.toContain("90");
  });

  it("a steward marks a figure for follow-up and a manager clears it, both audited", async () => {
    const items = await list(tokens.viewer ?? "");
    const south = items.find((w) => w.region === "ZZ-S");
    const path = `/data-quality/${south?.id}/follow-up`;
    const marked = await call(tokens.steward ?? "", path, {
      method: "POST",
      body: JSON.stringify({ followUp: true, comment: "ask the region" }),
    });
    expect(marked.status).toBe(200);
    expect(marked.body.followUp).toMatchObject({ comment: "ask the region" });
    expect((await list(tokens.viewer ?? "", "&followUp=true")).map((w) => w.region)).toEqual([
      "ZZ-S",
    ]);
    const cleared = await call(tokens.manager ?? "", path, {
      method: "POST",
      body: JSON.stringify({ followUp: false }),
    });
    expect(cleared.body.followUp).toBeNull();
    expect(await list(tokens.viewer ?? "", "&followUp=true")).toEqual([]);
    const audit = await listAudit(app.db, {
      entityType: "figure",
      entityId: `${IND}:ZZ-S:2019`,
    });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      [
        "data_quality.follow_up_clear",
        { followUp: expect.objectContaining({ comment: "ask the region" }) },
        { followUp: null, warning: south?.id },
      ],
      [
        "data_quality.follow_up",
        { followUp: null },
        { followUp: expect.objectContaining({ comment: "ask the region" }), warning: south?.id },
      ],
    ]);
  });

  it("a region-limited steward marks only their region's figures", async () => {
    const items = await list(tokens.viewer ?? "");
    const south = items.find((w) => w.region === "ZZ-S");
    const r = await call(tokens.north ?? "", `/data-quality/${south?.id}/follow-up`, {
      method: "POST",
      body: JSON.stringify({ followUp: true }),
    });
    expect(r.status).toBe(403);
    expect((await list(tokens.viewer ?? "", "&followUp=true")).length).toBe(0);
  });

  it("answers bad input with a 4xx problem and changes nothing", async () => {
    expect((await call(tokens.viewer ?? "", "/data-quality")).status).toBe(400);
    expect((await call(tokens.viewer ?? "", "/data-quality?program=NO-SUCH")).status).toBe(404);
    const bad = await call(tokens.steward ?? "", "/data-quality/abc/follow-up", {
      method: "POST",
      body: JSON.stringify({ followUp: true }),
    });
    expect(bad.status).toBe(400);
    const items = await list(tokens.viewer ?? "");
    const noFlag = await call(tokens.steward ?? "", `/data-quality/${items[0]?.id}/follow-up`, {
      method: "POST",
      body: JSON.stringify({ followUp: "yes" }),
    });
    expect(noFlag.status).toBe(400);
    expect(await list(tokens.viewer ?? "", "&followUp=true")).toEqual([]);
  });
});
