import { listCurrentObservations } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";
import { processUpload } from "./process-upload";

// Issue 18: the programme's validation rules and the outlier check in the worker's apply path.
let app: TestApp;
const program = buildProgram({
  indicators: [
    {
      disaggregation: "regional",
      validation: [
        { rule: "max", value: 90, severity: "error" },
        { rule: "change_max_pct", value: 50, severity: "warning" },
      ],
    },
    {
      unit: "count",
      disaggregation: "regional",
      aggregation: "sum",
      validation: [{ rule: "regions_sum_max_national", severity: "error" }],
    },
  ],
});
const [PCT, CNT] = program.indicators.map((i) => i.code) as [string, string];
let steward: string;
const now = () => new Date("2026-12-08T08:00:00Z");

interface Report {
  status: string;
  dryRun: boolean;
  counts: { inserted: number; updated: number; unchanged: number; rejected: number };
  errors: { row: number; field: string; code: string; message: string }[];
  warnings: { row: number; code: string; message: string; params: Record<string, unknown> }[];
}

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  steward = await tokenFor(app.db, "steward");
});
afterAll(() => app?.close());

async function run(observations: unknown[], extra: Record<string, unknown> = {}) {
  const res = await fetch(`${app.url}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${steward}`, "content-type": "application/json" },
    body: JSON.stringify({ observations, ...extra }),
  });
  expect(res.status).toBe(202);
  const { uploadId } = (await res.json()) as { uploadId: string };
  await processUpload(app.db, uploadId, { now });
  const report = await fetch(`${app.url}/api/v1/uploads/${uploadId}`, {
    headers: { authorization: `Bearer ${steward}`, "accept-language": "ru" },
  });
  return { id: uploadId, ...((await report.json()) as Report) };
}

const valuesOf = async (indicator: string, region: string) =>
  (await listCurrentObservations(app.db, { indicator, region })).map((o) => [o.period, o.value]);

describe("validation rules in uploads", () => {
  it("an error rule rejects its row with rule_<key> and applies nothing of it", async () => {
    const r = await run([
      { indicator: PCT, period: "2018", region: "ZZ-N", value: 95 },
      { indicator: PCT, period: "2018", region: "ZZ-S", value: 60 },
    ]);
    expect(r.counts).toMatchObject({ inserted: 1, rejected: 1 });
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 1, field: "value", code: "rule_max" }),
    ]);
    expect(r.errors[0]?.message).toBe("95 is above the indicator's maximum of 90.");
    expect(await valuesOf(PCT, "ZZ-N")).toEqual([]);
    expect(await valuesOf(PCT, "ZZ-S")).toEqual([["2018", 60]]);
  });

  it("a warning rule keeps its row and adds {row, code, message} to the upload's warnings", async () => {
    await run([{ indicator: PCT, period: "2018", value: 40 }]);
    const r = await run([{ indicator: PCT, period: "2019", value: 70 }]);
    expect(r.counts).toMatchObject({ inserted: 1, rejected: 0 });
    expect(r.warnings).toEqual([
      {
        row: 1,
        code: "rule_change_max_pct",
        message: "70 differs by more than 50% from the figure of period 2018 for the same place.",
        params: { value: 70, max: 50, period: "2018" },
      },
    ]);
    expect(await valuesOf(PCT, "ZZ")).toEqual([
      ["2018", 40],
      ["2019", 70],
    ]);
  });

  it("warns of an outlier against the place's history of at least 5 figures", async () => {
    const history = [30, 31, 29, 30, 30].map((value, i) => ({
      indicator: PCT,
      period: String(2012 + i),
      region: "ZZ-N",
      value,
    }));
    expect((await run(history)).warnings).toEqual([]);
    const r = await run([{ indicator: PCT, period: "2017", region: "ZZ-N", value: 44 }]);
    expect(r.warnings.map((w) => [w.row, w.code, w.params])).toEqual([
      [1, "outlier", { value: 44, points: 5 }],
    ]);
    expect(r.counts).toMatchObject({ inserted: 1 });
    // Sent again unchanged, the figure is no new data and warns no more.
    const again = await run([{ indicator: PCT, period: "2017", region: "ZZ-N", value: 44 }]);
    expect([again.counts, again.warnings]).toEqual([expect.objectContaining({ unchanged: 1 }), []]);
  });

  it("regions_sum_max_national rejects the region that takes the sum above the nation", async () => {
    await run([
      { indicator: CNT, period: "2020", value: 100 },
      { indicator: CNT, period: "2020", region: "ZZ-N", value: 60 },
    ]);
    const r = await run([
      { indicator: CNT, period: "2020", region: "ZZ-S", value: 50 },
      { indicator: CNT, period: "2021", region: "ZZ-S", value: 50 },
    ]);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[1, "rule_regions_sum_max_national"]]);
    expect(await valuesOf(CNT, "ZZ-S")).toEqual([["2021", 50]]);
  });

  it("a dry run shows the same rejections and warnings and stores nothing", async () => {
    const r = await run(
      [
        { indicator: PCT, period: "2020", region: "ZZ-S", value: 99 },
        { indicator: PCT, period: "2020", value: 20 },
      ],
      { dryRun: true },
    );
    expect(r.dryRun).toBe(true);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[1, "rule_max"]]);
    expect(r.warnings.map((w) => [w.row, w.code])).toEqual([[2, "rule_change_max_pct"]]);
    expect(await valuesOf(PCT, "ZZ")).toEqual([
      ["2018", 40],
      ["2019", 70],
    ]);
  });
});
