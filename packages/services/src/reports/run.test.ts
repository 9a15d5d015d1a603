import { applyObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { toIsoDate } from "@spm/kpi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../errors";
import { importProgram } from "../programs/run";
import { refreshStatuses } from "../status/run";
import { loadAnnualReport } from "./run";

const db = createTestDb();
const program = buildProgram({
  indicators: [{}, { unit: "number", disaggregation: "regional" }],
});
const [national, regional] = program.indicators.map((i) => i.code) as [string, string];
const today = toIsoDate(new Date());

beforeAll(async () => {
  await importProgram(db, program, "test");
  const upload = await createUploadRow(db);
  await db.transaction().execute((trx) =>
    applyObservations(
      trx,
      [
        { indicator: national, region: "ZZ", period: "2018", year: 2018, value: 45 },
        {
          indicator: national,
          region: "ZZ",
          period: "2019",
          year: 2019,
          value: 58,
          flag: "confidential",
          source: "sealed survey",
        },
        { indicator: regional, region: "ZZ-N", period: "2018", year: 2018, value: 50 },
      ],
      { uploadId: upload.id, uploadSeq: upload.seq, author: "test" },
    ),
  );
  await refreshStatuses(db, { asOf: today, codes: [national, regional] });
});
afterAll(() => db.destroy());

const load = (over: { year?: number; region?: string; mayReadConfidential?: boolean } = {}) =>
  loadAnnualReport(db, {
    program: program.code,
    year: 2019,
    locale: "ru",
    mayReadConfidential: false,
    today,
    ...over,
  });

describe("loadAnnualReport", () => {
  it("reads each indicator's year-end status, the previous year's level and what changed", async () => {
    const report = await load();
    expect(report.asOf).toBe("2019-12-31");
    expect(report.region).toBe("ZZ");
    const first = report.indicators.find((i) => i.view.indicator.code === national);
    // 45 against 50 from 40 is half the planned change (red); 58 against 60 from 40 is 0.9.
    expect(first?.previous).toBe("red");
    expect(first?.view.status.current.level).toBe("amber");
    expect(report.summary.changes).toContainEqual({
      code: national,
      from: "red",
      to: "amber",
      worse: false,
    });
    expect(report.summary.directions[0]?.counts.amber).toBe(1);
    expect(first?.view.years?.map((y) => y.year)).toEqual([2018, 2019]);
  });

  it("withholds a confidential figure (value and point) from a reader without the right", async () => {
    const hidden = (await load()).indicators.find((i) => i.view.indicator.code === national);
    const figure = hidden?.figures.find((f) => f.year === 2019);
    expect(figure).toMatchObject({ value: null, withheld: true, source: "sealed survey" });
    expect(hidden?.view.series.find((p) => p.year === 2019)?.value).toBeNull();
    const shown = (await load({ mayReadConfidential: true })).indicators.find(
      (i) => i.view.indicator.code === national,
    );
    expect(shown?.figures.find((f) => f.year === 2019)?.value).toBe(58);
    expect(shown?.view.series.find((p) => p.year === 2019)?.value).toBe(58);
  });

  it("holds the regional indicators only in a region's report", async () => {
    const report = await load({ region: "ZZ-N" });
    expect(report.indicators.map((i) => i.view.indicator.code)).toEqual([regional]);
    expect(report.indicators[0]?.figures.map((f) => f.value)).toEqual([50]);
  });

  it("refuses a year outside the programme and a place it lacks, naming the field", async () => {
    for (const [over, field] of [
      [{ year: 2031 }, "year"],
      [{ region: "ZZ-X" }, "region"],
    ] as const) {
      const error = await load(over).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe("out_of_range");
      expect((error as ServiceError).details[0]?.path).toBe(field);
    }
    const unknown = await loadAnnualReport(db, {
      program: "NO-SUCH",
      year: 2019,
      locale: "en",
      mayReadConfidential: true,
      today,
    }).catch((e: unknown) => e);
    expect((unknown as ServiceError).code).toBe("not_found");
  });
});
