import { addStatusWork, applyObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgram } from "../programs/run";
import { entrySheet } from "./sheet";

// The entry grid's sheet on 2021-02-20: a yearly national indicator owes 2020 (due 2021-03-31)
// and 2019 (overdue since 2020-03-30); a yearly regional one owes them at the nation and both
// regions. North's 2020 figure is in (source kept); South's 2019 one is confidential.
const db = createTestDb();
const program = buildProgram({ indicators: [{}, { disaggregation: "regional" }] });
const [national, regional] = program.indicators.map((i) => i.code) as [string, string];
const asOf = "2021-02-20";

beforeAll(async () => {
  await importProgram(db, program, "test");
  const upload = await createUploadRow(db);
  await db.transaction().execute(async (trx) => {
    await applyObservations(
      trx,
      [
        {
          indicator: regional,
          region: "ZZ-N",
          period: "2020",
          year: 2020,
          value: 61,
          source: "Ministry report",
        },
        {
          indicator: regional,
          region: "ZZ-S",
          period: "2019",
          year: 2019,
          value: 7,
          flag: "confidential",
        },
      ],
      { uploadId: upload.id, uploadSeq: upload.seq, author: "test" },
    );
    await addStatusWork(trx, [regional], "upload");
  });
});
afterAll(() => db.destroy());

const sheetFor = (regions: string[] | null, confidential = false) =>
  entrySheet(db, { program: program.code, asOf, locale: "ru", user: { regions, confidential } });

describe("entrySheet", () => {
  it("lists every figure owed at every place for an unrestricted steward, newest period first", async () => {
    const sheet = await sheetFor(null);
    expect(sheet.program?.code).toBe(program.code);
    expect(sheet.cells.map((c) => [c.indicator, c.region, c.period, c.state])).toEqual([
      [national, "ZZ", "2020", "due"],
      [national, "ZZ", "2019", "overdue"],
      [regional, "ZZ", "2020", "due"],
      [regional, "ZZ-N", "2020", "due"],
      [regional, "ZZ-S", "2020", "due"],
      [regional, "ZZ", "2019", "overdue"],
      [regional, "ZZ-N", "2019", "overdue"],
      [regional, "ZZ-S", "2019", "overdue"],
    ]);
    const north = sheet.cells.find((c) => c.region === "ZZ-N" && c.period === "2020");
    expect(north?.current).toMatchObject({
      value: 61,
      source: "Ministry report",
      confidential: false,
    });
    expect(sheet.places.map((p) => p.code)).toEqual(["ZZ", "ZZ-N", "ZZ-S"]);
    expect(sheet.indicators.map((i) => i.name)).toEqual(["Indicator 0 (ru)", "Indicator 1 (ru)"]);
    expect(sheet.more).toBe(0);
  });

  it("withholds a confidential value without the permission and shows it with it", async () => {
    const south = (s: Awaited<ReturnType<typeof sheetFor>>) =>
      s.cells.find((c) => c.region === "ZZ-S" && c.period === "2019")?.current;
    expect(south(await sheetFor(null))).toMatchObject({ value: null, confidential: true });
    expect(south(await sheetFor(null, true))).toMatchObject({ value: 7, confidential: true });
  });

  it("gives a steward limited to a region that region's figures only", async () => {
    const sheet = await sheetFor(["ZZ-S"]);
    expect(sheet.cells.map((c) => [c.indicator, c.region, c.period])).toEqual([
      [regional, "ZZ-S", "2020"],
      [regional, "ZZ-S", "2019"],
    ]);
    expect(sheet.places.map((p) => p.code)).toEqual(["ZZ-S"]);
  });

  it("owes nothing long after the programme", async () => {
    const sheet = await entrySheet(db, {
      program: program.code,
      asOf: "2030-01-01",
      locale: "en",
      user: { regions: null, confidential: false },
    });
    expect(sheet.cells).toEqual([]);
  });
});
