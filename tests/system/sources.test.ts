// The worker pulls a due source on its own: an administrator adds a DHIS2 source through the
// dashboard's origin, and without "pull now" its figures arrive as an upload of kind `source`
// with its report (the worker's `sources.due` scheduler, then `source.pull`, then the upload).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { programDefinitionSchema } from "@spm/kpi";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const uid = () => `S${randomBytes(8).toString("hex").slice(0, 10)}`;
const [DE, DS, NATION, NORTH] = [uid(), uid(), uid(), uid()];
const PAT = `d2pat_${randomBytes(12).toString("hex")}`;
const base = buildProgram({
  indicators: [{ disaggregation: "regional", dhis2: [{ dataElement: DE }] }],
});
const program = programDefinitionSchema.parse({
  ...base,
  nation: { ...base.nation, dhis2: [NATION] },
  regions: base.regions.map((r) => (r.code === "ZZ-N" ? { ...r, dhis2: [NORTH] } : r)),
});
let admin: string;
let server: Server;
const requests: { url: string; authorization?: string }[] = [];

beforeAll(async () => {
  await importProgram(db, program, "test");
  admin = await tokenFor("admin");
  // DHIS2's answer to this source's query (the parameters are the fake's business in
  // apps/ingest/src/sources/sources.test.ts); 401 without the token, as DHIS2 answers.
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    if (req.headers.authorization !== `ApiToken ${PAT}`) return void res.writeHead(401).end();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        dataValues: [
          { dataElement: DE, period: "2020", orgUnit: NORTH, value: "42" },
          { dataElement: DE, period: "2021", orgUnit: NORTH, value: "47" },
          { dataElement: DE, period: "2021", orgUnit: NATION, value: "45" },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  // Not pulled again once the test is over (the stack's worker keeps running).
  await db.deleteFrom("sources").where("program_code", "=", program.code).execute();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

async function get(path: string) {
  const res = await fetch(`${web}/api/v1${path}`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(res.status, path).toBe(200);
  return res.json();
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen in 30 s`);
}

describe("a scheduled source", () => {
  it("is pulled by the worker when due, into an upload with its report", async () => {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`${web}/api/v1/sources`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({
        program: program.code,
        name: `scheduled ${uid()}`,
        kind: "dhis2",
        url: `http://127.0.0.1:${port}`,
        dhis2: { dataSets: [DS], orgUnits: [NATION], children: true, lastYears: 2 },
        auth: { kind: "token", token: PAT },
        everyMinutes: 15,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { source } = await res.json();
    const pulled = await until(
      () => get(`/sources/${source.id}`),
      (b) => b.source.lastOutcome !== null,
      "the scheduled pull",
    );
    expect(pulled.source).toMatchObject({ lastOutcome: "uploaded", lastError: null });
    const year = new Date().getUTCFullYear();
    expect(requests).toEqual([
      {
        url: `/api/dataValueSets.json?dataSet=${DS}&orgUnit=${NATION}&children=true&startDate=${year - 1}-01-01&endDate=${year}-12-31`,
        authorization: `ApiToken ${PAT}`,
      },
    ]);
    const report = await until(
      () => get(`/uploads/${pulled.source.lastUploadId}`),
      (r) => r.status === "completed" || r.status === "failed",
      "the upload",
    );
    expect(report).toMatchObject({
      kind: "source",
      filename: source.name,
      status: "completed",
      counts: { received: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 },
    });
    // Due again in 15 minutes, not before: one request only.
    await new Promise((r) => setTimeout(r, 2500));
    expect(requests).toHaveLength(1);
  });
});
