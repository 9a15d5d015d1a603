import { applyObservations } from "@spm/db";
import { buildProgram, createUploadRow } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
