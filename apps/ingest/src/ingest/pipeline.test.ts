import { listCurrentObservations, listRevisions } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";
import { processUpload } from "./process-upload";

let app: TestApp;
const program = buildProgram({
  indicators: [
    { disaggregation: "regional" },
    {
      unit: "count",
      polarity: "increase",
      aggregation: "sum",
      frequency: "quarterly",
      targets: { 2022: 100 },
    },
  ],
});
const [PCT, CNT] = program.indicators.map((i) => i.code) as [string, string];
let steward: string;
let northSteward: string;
const now = () => new Date("2026-11-26T08:00:00Z");

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  steward = await tokenFor(app.db, "steward");
  northSteward = await tokenFor(app.db, "steward", ["ZZ-N"]);
});
afterAll(() => app?.close());

async function post(token: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { uploadId: string } };
}

async function report(token: string, id: string) {
  const res = await fetch(`${app.url}/api/v1/uploads/${id}?errorsLimit=10000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    status: string;
    counts: {
      received: number;
      inserted: number;
      updated: number;
      unchanged: number;
      rejected: number;
    };
    progress: { done: number; total: number };
    errors: { row: number; field: string; code: string; message: string }[];
    statusChanges: {
      indicator: string;
      region: string;
      current: { from: string | null; to: string };
    }[];
  };
}

async function run(token: string, observations: unknown[], extra: Record<string, unknown> = {}) {
  const { status, body } = await post(token, { observations, ...extra });
  expect(status).toBe(202);
  await processUpload(app.db, body.uploadId, { now });
  return { id: body.uploadId, ...(await report(token, body.uploadId)) };
}

describe("JSON batches", () => {
  it("counts every row exactly once and names each bad row's field and code", async () => {
    const r = await run(steward, [
      { indicator: PCT, period: "2018", value: "55,5" },
      { indicator: PCT, period: "2019", region: "ZZ-N", value: 61 },
      { indicator: CNT, period: "2019Q1", value: "1 200" },
      { indicator: "NOPE", period: "2019", value: 1 },
      { indicator: PCT, period: "2019Q1", value: 1 },
      { indicator: PCT, period: "2020", value: 101 },
      "not an object",
    ]);
    expect(r.status).toBe("completed");
    expect(r.counts).toEqual({ received: 7, inserted: 3, updated: 0, unchanged: 0, rejected: 4 });
    expect(r.progress).toEqual({ done: 7, total: 7 });
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, "indicator", "unknown_indicator"],
      [5, "period", "period_frequency_mismatch"],
      [6, "value", "value_out_of_range"],
      [7, "row", "row_malformed"],
    ]);
    const obs = await listCurrentObservations(app.db, { indicator: PCT });
    expect(obs.map((o) => [o.region_code, o.period, o.value])).toEqual([
      ["ZZ", "2018", 55.5],
      ["ZZ-N", "2019", 61],
    ]);
  });

  it("gives the rejected rows back as CSV with their reasons, to fix and send again", async () => {
    const r = await run(steward, [
      { indicator: PCT, period: "2016", value: "12,5" },
      { indicator: PCT, period: "2017", value: "abc", note: 'said "n/a"' },
    ]);
    const res = await fetch(`${app.url}/api/v1/uploads/${r.id}/rejected.csv`, {
      headers: { authorization: `Bearer ${steward}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toEqual([
      "indicator,period,region,value,flag,note,source,row,errors",
      `${PCT},2017,,abc,,"said ""n/a""",,2,value: ${r.errors[0]?.message} [value_not_a_number]`,
    ]);
  });

  it("reports the status changes an upload causes", async () => {
    const r = await run(steward, [{ indicator: PCT, period: "2022", value: 95 }]);
    const national = r.statusChanges.find((c) => c.indicator === PCT && c.region === "ZZ");
    expect(national?.current.to).toBe("green");
  });

  it("takes the last of two rows for one figure and rejects the earlier with duplicate_row", async () => {
    const r = await run(steward, [
      { indicator: PCT, period: "2021", region: "ZZ-S", value: 70 },
      { indicator: PCT, period: "2021", region: "zz-s", value: 71 },
    ]);
    expect(r.counts).toMatchObject({ received: 2, inserted: 1, rejected: 1 });
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 1, code: "duplicate_row", field: "row" }),
    ]);
    const [obs] = await listCurrentObservations(app.db, {
      indicator: PCT,
      region: "ZZ-S",
      fromYear: 2021,
    });
    expect(obs?.value).toBe(71);
  });

  it("counts every row unchanged when the same figures come again", async () => {
    const rows = [{ indicator: CNT, period: "2020Q2", value: 5 }];
    await run(steward, rows);
    const again = await run(steward, rows);
    expect(again.counts).toEqual({
      received: 1,
      inserted: 0,
      updated: 0,
      unchanged: 1,
      rejected: 0,
    });
  });

  it("makes one upload of the same request sent twice with one Idempotency-Key", async () => {
    const body = { observations: [{ indicator: CNT, period: "2021Q3", value: 9 }] };
    const key = { "idempotency-key": `k-${crypto.randomUUID()}` };
    const first = await post(steward, body, key);
    const second = await post(steward, body, key);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body.uploadId).toBe(first.body.uploadId);
    const other = await post(
      steward,
      { observations: [{ indicator: CNT, period: "2021Q3", value: 10 }] },
      key,
    );
    expect(other.status).toBe(422);
  });

  it("rejects a region-limited steward's rows for other regions one by one, and takes the rest", async () => {
    const r = await run(northSteward, [
      { indicator: PCT, period: "2020", region: "ZZ-N", value: 66 },
      { indicator: PCT, period: "2020", region: "ZZ-S", value: 66 },
      { indicator: PCT, period: "2020", value: 66 },
    ]);
    expect(r.counts).toMatchObject({ received: 3, inserted: 1, rejected: 2 });
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, "region_forbidden"],
      [3, "region_forbidden"],
    ]);
  });

  it("writes nothing in a dry run, yet reports the outcomes and status changes it would cause", async () => {
    const r = await run(steward, [{ indicator: PCT, period: "2020", region: "ZZ-S", value: 99 }], {
      dryRun: true,
    });
    expect(r.counts).toMatchObject({ received: 1, inserted: 1 });
    expect(r.statusChanges.some((c) => c.region === "ZZ-S")).toBe(true);
    const obs = await listCurrentObservations(app.db, {
      indicator: PCT,
      region: "ZZ-S",
      fromYear: 2020,
      toYear: 2020,
    });
    expect(obs).toEqual([]);
  });
});

describe("crashes", () => {
  it("resumes an upload that crashed after its first chunk, with exact counts and nothing doubled", async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      indicator: CNT,
      period: `${2018 + Math.floor(i / 900)}Q${1 + (i % 4)}`,
      region: "",
      value: i,
    }));
    // Many rows set the same figures: only the last of each survives, the rest are duplicates.
    const { body } = await post(steward, { observations: rows });
    await expect(
      processUpload(app.db, body.uploadId, {
        now,
        onProgress: async () => {
          throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const half = await report(steward, body.uploadId);
    expect(half.progress.done).toBe(2000);
    await processUpload(app.db, body.uploadId, { now });
    const done = await report(steward, body.uploadId);
    expect(done.status).toBe("completed");
    const c = done.counts;
    expect(c.received).toBe(4500);
    expect(c.inserted + c.updated + c.unchanged + c.rejected).toBe(4500);
    expect(done.errors.filter((e) => e.code === "duplicate_row")).toHaveLength(4500 - 20);
    const revisions = await listRevisions(app.db, {
      indicator: CNT,
      region: "ZZ",
      period: "2018Q1",
    });
    expect(revisions.filter((rv) => rv.upload_id === body.uploadId)).toHaveLength(1);
  });
});

describe("failed uploads", () => {
  it("can be retried by their steward, and only when failed", async () => {
    const { body } = await post(steward, {
      observations: [{ indicator: CNT, period: "2015Q3", value: 3 }],
    });
    const retry = () =>
      fetch(`${app.url}/api/v1/uploads/${body.uploadId}/retry`, {
        method: "POST",
        headers: { authorization: `Bearer ${steward}` },
      });
    expect((await retry()).status).toBe(409); // still queued: nothing to retry
    await app.db
      .updateTable("uploads")
      .set({ status: "failed", failure_reason: "simulated: retries exhausted" })
      .where("id", "=", body.uploadId)
      .execute();
    expect((await retry()).status).toBe(202);
    const row = await app.db
      .selectFrom("uploads")
      .selectAll()
      .where("id", "=", body.uploadId)
      .executeTakeFirstOrThrow();
    expect([row.status, row.retries, row.failure_reason]).toEqual(["queued", 1, null]);
    await processUpload(app.db, body.uploadId, { now });
    expect((await report(steward, body.uploadId)).counts).toMatchObject({
      received: 1,
      inserted: 1,
    });
    const other = await tokenFor(app.db, "steward");
    const foreign = await fetch(`${app.url}/api/v1/uploads/${body.uploadId}/retry`, {
      method: "POST",
      headers: { authorization: `Bearer ${other}` },
    });
    expect(foreign.status).toBe(404); // another steward's upload is not theirs to see
  });
});
