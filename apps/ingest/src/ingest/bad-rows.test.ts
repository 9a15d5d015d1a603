import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, expect, it } from "vitest";
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
    {
      unit: "number",
      polarity: "increase",
      frequency: "monthly",
      aggregation: "mean",
      targets: { 2022: 5 },
    },
  ],
});
const [P, C, M] = program.indicators.map((i) => i.code) as [string, string, string];
const long = (n: number) => "x".repeat(n);

// Fifty bad rows, each with the error codes it must get (worked out from DESIGN.md's rules).
const BAD: [Record<string, unknown>, string[]][] = [
  [{ indicator: "", period: "2019", value: 1 }, ["indicator_missing"]],
  [{ period: "2019", value: 1 }, ["indicator_missing"]],
  [{ indicator: "NOPE", period: "2019", value: 1 }, ["unknown_indicator"]],
  [{ indicator: "HQ READINESS", period: "2019", value: 1 }, ["unknown_indicator"]],
  [{ indicator: P, period: "2019", region: "ZZ-X", value: 1 }, ["unknown_region"]],
  [{ indicator: P, period: "2019", region: "KZ-ALA", value: 1 }, ["unknown_region"]],
  [
    { indicator: C, period: "2019Q1", region: "ZZ-N", value: 1 },
    ["region_not_allowed_for_national_indicator"],
  ],
  [
    { indicator: M, period: "201901", region: "ZZ-S", value: 1 },
    ["region_not_allowed_for_national_indicator"],
  ],
  [{ indicator: P, value: 1 }, ["period_missing"]],
  [{ indicator: P, period: "", value: 1 }, ["period_missing"]],
  [{ indicator: P, period: "20190", value: 1 }, ["period_invalid"]],
  [{ indicator: P, period: "19", value: 1 }, ["period_invalid"]],
  [{ indicator: P, period: "2019/01", value: 1 }, ["period_invalid"]],
  [{ indicator: P, period: "Q1 2019", value: 1 }, ["period_invalid"]],
  [{ indicator: P, period: "FY2019", value: 1 }, ["period_invalid"]],
  [{ indicator: C, period: "2019Q5", value: 1 }, ["period_quarter_invalid"]],
  [{ indicator: C, period: "2019Q0", value: 1 }, ["period_quarter_invalid"]],
  [{ indicator: M, period: "201913", value: 1 }, ["period_month_invalid"]],
  [{ indicator: M, period: "2019-00", value: 1 }, ["period_month_invalid"]],
  [{ indicator: P, period: "2019Q1", value: 1 }, ["period_frequency_mismatch"]],
  [{ indicator: P, period: "201901", value: 1 }, ["period_frequency_mismatch"]],
  [{ indicator: C, period: "2019", value: 1 }, ["period_frequency_mismatch"]],
  [{ indicator: M, period: "2019Q2", value: 1 }, ["period_frequency_mismatch"]],
  [{ indicator: P, period: "2005", value: 1 }, ["period_out_of_range"]],
  [{ indicator: P, period: "2023", value: 1 }, ["period_out_of_range"]],
  [{ indicator: C, period: "2030Q1", value: 1 }, ["period_out_of_range"]],
  [{ indicator: M, period: "200912", value: 1 }, ["period_out_of_range"]],
  [{ indicator: P, period: "2019" }, ["value_missing"]],
  [{ indicator: P, period: "2019", value: "" }, ["value_missing"]],
  [{ indicator: P, period: "2019", value: "   " }, ["value_missing"]],
  [{ indicator: P, period: "2019", value: "abc" }, ["value_not_a_number"]],
  [{ indicator: P, period: "2019", value: "12abc" }, ["value_not_a_number"]],
  [{ indicator: P, period: "2019", value: "n/a" }, ["value_not_a_number"]],
  [{ indicator: P, period: "2019", value: "1,234" }, ["value_ambiguous"]],
  [{ indicator: M, period: "201905", value: "2,500" }, ["value_ambiguous"]],
  [{ indicator: C, period: "2019Q1", value: "5%" }, ["value_percent_sign_not_allowed"]],
  [{ indicator: M, period: "201906", value: "5%" }, ["value_percent_sign_not_allowed"]],
  [{ indicator: P, period: "2019", value: "101" }, ["value_out_of_range"]],
  [{ indicator: P, period: "2019", value: "-1" }, ["value_out_of_range"]],
  [{ indicator: P, period: "2019", value: "100,5" }, ["value_out_of_range"]],
  [{ indicator: C, period: "2019Q2", value: "-5" }, ["value_out_of_range"]],
  [{ indicator: C, period: "2019Q3", value: "2.5" }, ["value_not_integer"]],
  [{ indicator: C, period: "2019Q4", value: 0.5 }, ["value_not_integer"]],
  [{ indicator: P, period: "2019", value: 5, flag: "maybe" }, ["flag_invalid"]],
  [{ indicator: P, period: "2019", value: 5, flag: "estimate" }, ["flag_invalid"]],
  [{ indicator: P, period: "2019", value: 5, note: long(2001) }, ["text_too_long"]],
  [{ indicator: P, period: "2019", value: 5, source: long(501) }, ["text_too_long"]],
  [
    { indicator: "NOPE", period: "20x9", value: "abc" },
    ["unknown_indicator", "period_invalid", "value_not_a_number"],
  ],
  [
    { indicator: P, period: "2019Q1", region: "ZZ-X", value: 150 },
    ["unknown_region", "period_frequency_mismatch", "value_out_of_range"],
  ],
  [
    { indicator: C, period: "2020Q1", value: "1.5", flag: "guess" },
    ["value_not_integer", "flag_invalid"],
  ],
];

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
});
afterAll(() => app?.close());

it("rejects fifty kinds of bad rows, each with its own codes, and stores none of them", async () => {
  expect(BAD).toHaveLength(50);
  const token = await tokenFor(app.db, "steward");
  // Each row sets a figure of its own: otherwise earlier rows of one figure are `duplicate_row`.
  let k = 0;
  const spread = BAD.map(([row]) => {
    if (row.indicator !== P || row.period !== "2019" || row.region !== undefined) return row;
    k += 1;
    return {
      ...row,
      period: String(2010 + (k % 13)),
      region: ["", "ZZ-N", "ZZ-S"][Math.floor(k / 13)],
    };
  });
  const observations = [...spread, { indicator: P, period: "2020", region: "ZZ-N", value: "92,5" }];
  const res = await fetch(`${app.url}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ observations }),
  });
  const { uploadId } = (await res.json()) as { uploadId: string };
  await processUpload(app.db, uploadId, { now: () => new Date("2026-11-26T00:00:00Z") });
  const report = (await (
    await fetch(`${app.url}/api/v1/uploads/${uploadId}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as {
    counts: Record<string, number>;
    errors: { row: number; code: string; message: string }[];
  };
  expect(report.counts).toEqual({
    received: 51,
    inserted: 1,
    updated: 0,
    unchanged: 0,
    rejected: 50,
  });
  const codesByRow = new Map<number, string[]>();
  for (const e of report.errors) codesByRow.set(e.row, [...(codesByRow.get(e.row) ?? []), e.code]);
  BAD.forEach(([, codes], i) => {
    expect([i + 1, spread[i], codesByRow.get(i + 1)]).toEqual([i + 1, spread[i], codes]);
  });
  expect(report.errors.every((e) => e.message.length > 10)).toBe(true);
});
