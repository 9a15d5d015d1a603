// A source pulls from a DHIS2 instance (a fake one on loopback, answering as DHIS2 does) into an
// upload with its report; the same body twice applies nothing twice; failures are recorded.
import { randomBytes } from "node:crypto";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram, parseSecretsKey } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processUpload } from "../ingest/process-upload";
import { type FakeDhis2, startFakeDhis2 } from "../test/fake-dhis2";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

const uid = () => `x${randomBytes(8).toString("hex").slice(0, 10)}`;
const [DE, DE_OTHER, DS, OU_ZZ, OU_N, OU_S, OU_ELSE] = Array.from({ length: 7 }, uid) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const PAT = `d2pat_${randomBytes(16).toString("hex")}`;
const program = buildProgram({
  indicators: [{ disaggregation: "regional", dhis2: [{ dataElement: DE }] }],
});
program.nation.dhis2 = [OU_ZZ];
for (const [i, region] of program.regions.entries()) region.dhis2 = [i === 0 ? OU_N : OU_S];
const CODE = program.indicators[0]?.code ?? "";
const now = () => new Date();

let app: TestApp;
let dhis2: FakeDhis2;
let admin: string;

beforeAll(async () => {
  const key = parseSecretsKey(randomBytes(32).toString("hex"));
  app = await startTestApp({ sources: { key, allowPrivate: true, timeoutMs: 5000 } });
  await importProgram(app.db, program, "test");
  admin = await tokenFor(app.db, "admin");
  dhis2 = await startFakeDhis2({
    token: PAT,
    basic: { username: "etl", password: "district-pw" },
    dataSets: { [DS]: [DE] },
    parents: { [OU_N]: OU_ZZ, [OU_S]: OU_ZZ },
    values: [
      { dataElement: DE, period: "2019", orgUnit: OU_N, value: "55" },
      { dataElement: DE, period: "2020", orgUnit: OU_N, value: "61.5", comment: "checked" },
      { dataElement: DE, period: "2020", orgUnit: OU_S, value: "48" },
      {
        dataElement: DE,
        period: "2020",
        orgUnit: OU_N,
        categoryOptionCombo: "hEFKSsPV5et",
        value: "1",
      },
      { dataElement: DE, period: "2020", orgUnit: OU_ELSE, value: "99" },
      { dataElement: DE_OTHER, period: "2020", orgUnit: OU_N, value: "98" },
      { dataElement: DE, period: "2021", orgUnit: OU_N, value: "97" },
      { dataElement: DE, period: "2018", orgUnit: OU_S, value: "40" },
    ],
  });
});
afterAll(async () => {
  await dhis2?.close();
  await app?.close();
});

async function call(method: string, path: string, body?: unknown, token = admin) {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

const dhis2Source = (extra: Record<string, unknown> = {}) => ({
  program: program.code,
  name: `dhis2 ${uid()}`,
  kind: "dhis2",
  url: `${dhis2.url}/`,
  dhis2: { dataSets: [DS], orgUnits: [OU_ZZ], children: true, periods: ["2019", "2020"] },
  auth: { kind: "token", token: PAT },
  everyMinutes: 60,
  // Pulled here only: a worker of the system tests shares this database.
  enabled: false,
  ...extra,
});

async function pullAndProcess(id: string) {
  const pulled = await call("POST", `/sources/${id}/pull`);
  expect(pulled.status).toBe(202);
  await processUpload(app.db, pulled.body.uploadId, { now });
  const report = await call("GET", `/uploads/${pulled.body.uploadId}`);
  return { uploadId: pulled.body.uploadId as string, report: report.body };
}

describe("a DHIS2 source", () => {
  let id: string;

  it("is saved with its token sealed and shown only as present", async () => {
    const created = await call("POST", "/sources", dhis2Source());
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(PAT);
    expect(created.body.source).toMatchObject({
      kind: "dhis2",
      authKind: "token",
      hasSecret: true,
    });
    id = created.body.source.id;
    const row = await app.db.selectFrom("sources").selectAll().where("id", "=", id).execute();
    expect(JSON.stringify(row)).not.toContain(PAT);
    expect((await call("GET", `/sources/${id}`)).text).not.toContain(PAT);
  });

  it("lands a pull as an upload with its report, and its figures are read through the API", async () => {
    const before = dhis2.requests.length;
    const { uploadId, report } = await pullAndProcess(id);
    const request = dhis2.requests[before];
    expect(request?.headers.authorization).toBe(`ApiToken ${PAT}`);
    expect(request?.url).toBe(
      `/api/dataValueSets.json?dataSet=${DS}&orgUnit=${OU_ZZ}&children=true&period=2019&period=2020`,
    );
    expect(report).toMatchObject({
      id: uploadId,
      kind: "source",
      sourceId: id,
      status: "completed",
      counts: { received: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 1 },
    });
    expect(report.errors.map((e: { code: string }) => e.code)).toEqual(["unmapped_combo"]);
    const figures = await call("GET", `/indicators/${CODE}/observations?region=ZZ-N`);
    expect(
      figures.body.observations.map((o: { period: string; value: number }) => [o.period, o.value]),
    ).toEqual([
      ["2019", 55],
      ["2020", 61.5],
    ]);
    const source = (await call("GET", `/sources/${id}`)).body.source;
    expect(source).toMatchObject({
      lastOutcome: "uploaded",
      lastUploadId: uploadId,
      lastError: null,
    });
  });

  it("makes no second upload of the same body, and a new one when the instance changed", async () => {
    const first = (await call("GET", `/sources/${id}/pulls`)).body.pulls[0].id;
    const again = await call("POST", `/sources/${id}/pull`);
    expect([again.status, again.body]).toEqual([200, { uploadId: first, outcome: "unchanged" }]);
    expect((await call("GET", `/sources/${id}/pulls`)).body.pulls).toHaveLength(1);
    (dhis2.values[0] as { value: string }).value = "57";
    const { report } = await pullAndProcess(id);
    expect(report.counts).toEqual({
      received: 4,
      inserted: 0,
      updated: 1,
      unchanged: 2,
      rejected: 1,
    });
    const pulls = (await call("GET", `/sources/${id}/pulls`)).body.pulls;
    expect(pulls.map((p: { id: string }) => p.id).slice(1)).toEqual([first]);
  });

  it("never writes the token to the log", () => {
    expect(app.logs.join("\n")).not.toContain(PAT);
  });
});

describe("a CSV address with Basic credentials", () => {
  it("is pulled through the same upload path", async () => {
    const query = `dataSet=${DS}&orgUnit=${OU_ZZ}&children=true&period=2018`;
    const created = await call("POST", "/sources", {
      program: program.code,
      name: `csv ${uid()}`,
      kind: "url",
      url: `${dhis2.url}/api/dataValueSets.csv?${query}`,
      auth: { kind: "basic", username: "etl", password: "district-pw" },
      enabled: false,
    });
    expect(created.status).toBe(201);
    expect(created.body.source).toMatchObject({
      authUsername: "etl",
      hasSecret: true,
      everyMinutes: 1440,
    });
    const { report } = await pullAndProcess(created.body.source.id);
    expect(report).toMatchObject({
      kind: "source",
      format: "dhis2",
      counts: { received: 1, inserted: 1, rejected: 0 },
    });
  });
});

describe("a failing pull", () => {
  it("records a 401 as the source's last error", async () => {
    const created = await call(
      "POST",
      "/sources",
      dhis2Source({ auth: { kind: "token", token: "d2pat_wrong" } }),
    );
    const id = created.body.source.id;
    const pulled = await call("POST", `/sources/${id}/pull`);
    expect([pulled.status, pulled.body.code, pulled.body.params]).toEqual([
      502,
      "source_unauthorized",
      { status: 401 },
    ]);
    const source = (await call("GET", `/sources/${id}`)).body.source;
    expect(source).toMatchObject({
      lastOutcome: "failed",
      lastError: { code: "source_unauthorized", params: { status: 401 } },
      failures: 1,
      lastUploadId: null,
    });
  });

  it("records a 500, and follows no redirect", async () => {
    const id = (await call("POST", "/sources", dhis2Source())).body.source.id;
    dhis2.failNext(500);
    const failed = await call("POST", `/sources/${id}/pull`);
    expect([failed.status, failed.body.code, failed.body.params]).toEqual([
      502,
      "source_http_error",
      { status: 500 },
    ]);
    dhis2.failNext(302, { location: `${dhis2.url}/api/dataValueSets.json` });
    const before = dhis2.requests.length;
    const redirected = await call("POST", `/sources/${id}/pull`);
    expect([redirected.status, redirected.body.code]).toEqual([502, "source_redirect"]);
    expect(dhis2.requests.length).toBe(before + 1);
    const source = (await call("GET", `/sources/${id}`)).body.source;
    expect(source).toMatchObject({ failures: 2, lastError: { code: "source_redirect" } });
    const audit = await app.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["source.create", "source.pull", "source.pull"]);
  });
});

describe("changing a source", () => {
  it("replaces or removes its credential, refuses a bad field by name, and is audited", async () => {
    const id = (await call("POST", "/sources", dhis2Source())).body.source.id;
    const sealed = async () =>
      (
        await app.db
          .selectFrom("sources")
          .select("secret_sealed")
          .where("id", "=", id)
          .executeTakeFirst()
      )?.secret_sealed;
    const first = await sealed();
    // Fields left out stay; a credential given replaces the one kept.
    const renamed = await call("PATCH", `/sources/${id}`, { everyMinutes: 10080, enabled: false });
    expect(renamed.body.source).toMatchObject({
      everyMinutes: 10080,
      enabled: false,
      hasSecret: true,
    });
    expect(await sealed()).toBe(first);
    await call("PATCH", `/sources/${id}`, { auth: { kind: "token", token: "d2pat_other" } });
    expect(await sealed()).not.toBe(first);
    const none = await call("PATCH", `/sources/${id}`, { auth: { kind: "none" } });
    expect(none.body.source).toMatchObject({ authKind: "none", hasSecret: false });
    expect(await sealed()).toBeNull();

    const bad = await call("PATCH", `/sources/${id}`, { everyMinutes: 5, url: "ftp://x" });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid.map((i: { field: string }) => i.field).sort()).toEqual([
      "everyMinutes",
      "url",
    ]);
    const taken = (await call("GET", "/sources")).body.sources[0].name;
    const clash = await call("PATCH", `/sources/${id}`, { name: taken });
    expect([clash.status, clash.body.code]).toEqual([409, "source_name_taken"]);

    expect((await call("DELETE", `/sources/${id}`)).status).toBe(204);
    expect((await call("GET", `/sources/${id}`)).status).toBe(404);
    const audit = await app.db
      .selectFrom("audit_log")
      .select(["action", "actor"])
      .where("entity_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "source.create",
      "source.update",
      "source.update",
      "source.update",
      "source.delete",
    ]);
    expect(audit.every((a) => a.actor.startsWith("token:"))).toBe(true);
  });
});
