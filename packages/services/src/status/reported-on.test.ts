import { addStatusWork, applyObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgram } from "../programs/run";
import { evaluateIndicatorEverywhere, evaluateIndicatorStatuses, refreshStatuses } from "./run";

// "As reported on" a day: the figures as they were known at that day's end, from the revisions.
// A 2020 figure of 50 (red against 70 from a baseline of 40) was sent on 2021-02-01 and revised
// to 70 (green) on 2021-09-15; the regional indicator's North figure likewise.
const db = createTestDb();
const program = buildProgram({ indicators: [{}, { disaggregation: "regional" }] });
const [national, regional] = program.indicators.map((i) => i.code) as [string, string];

async function send(value: number, recordedAt: string): Promise<void> {
  const upload = await createUploadRow(db);
  await db.transaction().execute(async (trx) => {
    const figures = [
      { indicator: national, region: "ZZ" },
      { indicator: regional, region: "ZZ-N" },
    ].map((f) => ({ ...f, period: "2020", year: 2020, value }));
    await applyObservations(trx, figures, {
      uploadId: upload.id,
      uploadSeq: upload.seq,
      author: "test",
    });
    await addStatusWork(trx, [national, regional], "upload");
  });
  // The test's clock: the revisions were recorded on a past day.
  await sql`update observation_revisions set created_at = ${recordedAt}::timestamptz
    where upload_id = ${upload.id}::uuid`.execute(db);
}

beforeAll(async () => {
  await importProgram(db, program, "test");
  await send(50, "2021-02-01T10:00:00Z");
  await send(70, "2021-09-15T23:30:00Z");
  await refreshStatuses(db, { asOf: "2021-06-30", codes: [national, regional] });
});
afterAll(() => db.destroy());

async function nationalLevel(reportedOn: string | null, asOf = "2021-06-30") {
  const [view] = await evaluateIndicatorStatuses(db, {
    asOf,
    reportedOn,
    codes: [national],
    mayReadConfidential: true,
  });
  return { level: view?.status.current.level, actual: view?.status.current.actual };
}

describe("statuses as reported on a day", () => {
  it("reads the value known then: the old one before the revision, the new one from its day", async () => {
    expect(await nationalLevel(null)).toEqual({ level: "green", actual: 70 });
    expect(await nationalLevel("2021-06-30")).toEqual({ level: "red", actual: 50 });
    expect(await nationalLevel("2021-09-14")).toEqual({ level: "red", actual: 50 });
    // The end of the day counts (UTC): 23:30 on 2021-09-15 was known on that day.
    expect(await nationalLevel("2021-09-15")).toEqual({ level: "green", actual: 70 });
  });

  it("knows no figure before the first was sent: the years due then were overdue", async () => {
    expect(await nationalLevel("2021-01-31")).toEqual({ level: "overdue", actual: null });
  });

  it("evaluates a region's figures as known then, and every place of an indicator", async () => {
    const [north] = await evaluateIndicatorStatuses(db, {
      asOf: "2021-06-30",
      reportedOn: "2021-06-30",
      region: "ZZ-N",
      codes: [regional],
      mayReadConfidential: true,
    });
    expect(north?.status.current).toMatchObject({ level: "red", actual: 50 });
    const places = await evaluateIndicatorEverywhere(db, {
      code: regional,
      asOf: "2021-06-30",
      reportedOn: "2021-06-30",
      mayReadConfidential: true,
    });
    const byPlace = new Map(places.map((p) => [p.region, p]));
    expect(byPlace.get("ZZ-N")?.latest?.value).toBe(50);
    expect(byPlace.get("ZZ-N")?.years.find((y) => y.year === 2020)?.status.level).toBe("red");
    const now = await evaluateIndicatorEverywhere(db, {
      code: regional,
      asOf: "2021-06-30",
      mayReadConfidential: true,
    });
    expect(now.find((p) => p.region === "ZZ-N")?.latest?.value).toBe(70);
  });
});
