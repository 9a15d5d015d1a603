import { applyObservations } from "@spm/db";
import { buildProgram, createUploadRow } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processUpload } from "../ingest/process-upload";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// The indicator endpoints for tokens with and without the confidential permission: the figure
// 7654.125 (flag confidential, a note quoting it) is in no target or baseline of the programme.
let app: TestApp;
const program = buildProgram({ indicators: [{ unit: "number" }] });
const code = program.indicators[0]?.code as string;
const LEAK = /7654/;

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  const upload = await createUploadRow(app.db);
  await app.db.transaction().execute((trx) =>
    applyObservations(
      trx,
      [
        { indicator: code, region: "ZZ", period: "2018", year: 2018, value: 45 },
        {
          indicator: code,
          region: "ZZ",
          period: "2019",
          year: 2019,
          value: 7654.125,
          flag: "confidential",
          note: "7654.125 as reported",
        },
      ],
      { uploadId: upload.id, uploadSeq: upload.seq, author: "test" },
    ),
  );
});
afterAll(() => app?.close());

async function read(token: string, path: string): Promise<string> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

const PATHS = [
  `/indicators?asOf=2020-06-30`,
  `/indicators/${code}?asOf=2020-06-30`,
  `/indicators/${code}/observations`,
];

describe("confidential figures in the indicator endpoints", () => {
  it("withhold the value, its note and every number made of it from a token without the right", async () => {
    const viewer = await tokenFor(app.db, "admin");
    for (const path of PATHS) expect(await read(viewer, path), path).not.toMatch(LEAK);
    const one = JSON.parse(await read(viewer, `/indicators/${code}?asOf=2020-06-30`));
    expect(one.latest).toEqual(
      expect.objectContaining({ year: 2019, value: null, confidential: true }),
    );
    expect(one.status.current).toMatchObject({
      year: 2019,
      actual: null,
      ratio: null,
      level: "green",
    });
    expect(one.status.withheld).toEqual({ current: true, trajectory: true });
    expect(one.status.current.reason).toContain("confidential");
    const { observations } = JSON.parse(await read(viewer, `/indicators/${code}/observations`));
    expect(observations).toContainEqual(
      expect.objectContaining({ period: "2019", value: null, note: null, flag: "confidential" }),
    );
    expect(observations).toContainEqual(expect.objectContaining({ period: "2018", value: 45 }));
  });

  it("give them to a token with the right", async () => {
    const cleared = await tokenFor(app.db, "viewer", undefined, { confidential: true });
    for (const path of PATHS) expect(await read(cleared, path), path).toMatch(LEAK);
  });
});

describe("rows sent flagged confidential in an upload's report", () => {
  it("quote their value to the sender and to readers with the right, to no one else", async () => {
    const sender = await tokenFor(app.db, "steward");
    const csv = `indicator,period,region,value,flag\n${code},2020,ZZ,7654x125,confidential\n`;
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "secret.csv");
    const posted = await fetch(`${app.url}/api/v1/uploads`, {
      method: "POST",
      headers: { authorization: `Bearer ${sender}` },
      body: form,
    });
    expect(posted.status).toBe(202);
    const { uploadId } = (await posted.json()) as { uploadId: string };
    // What the worker does with it (this app has none running).
    await processUpload(app.db, uploadId, { now: () => new Date() });
    const report = (token: string) => read(token, `/uploads/${uploadId}`);
    const rejected = (token: string) => read(token, `/uploads/${uploadId}/rejected.csv`);
    // The sender typed it: their own report quotes it, with the reason.
    expect(await report(sender)).toMatch(LEAK);
    expect(await rejected(sender)).toMatch(LEAK);
    const manager = await tokenFor(app.db, "manager");
    const withheld = JSON.parse(await report(manager));
    expect(JSON.stringify(withheld)).not.toMatch(LEAK);
    expect(withheld.errors).toEqual([
      expect.objectContaining({ row: 2, field: "value", code: "value_not_a_number" }),
    ]);
    expect(await rejected(manager)).not.toMatch(LEAK);
    const cleared = await tokenFor(app.db, "manager", undefined, { confidential: true });
    expect(await report(cleared)).toMatch(LEAK);
  });
});
