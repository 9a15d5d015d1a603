import { applyObservations, hasDemoData, listCurrentObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { afterAll, expect, it } from "vitest";
import { importProgram } from "../programs/run";
import { DEMO_SOURCE } from "./compute";
import { loadDemoData, removeDemoData } from "./run";

const db = createTestDb();
afterAll(() => db.destroy());

it("loads demo figures beside real ones without touching them, and removes only the demo", async () => {
  const program = buildProgram({ indicators: [{}, { disaggregation: "regional" }] });
  const [a, b] = program.indicators.map((i) => i.code) as [string, string];
  await importProgram(db, program, "test");
  const upload = await createUploadRow(db);
  await db.transaction().execute((trx) =>
    applyObservations(
      trx,
      [{ indicator: a, region: "ZZ", period: "2019", year: 2019, value: 77 }],
      {
        uploadId: upload.id,
        uploadSeq: upload.seq,
        author: "real",
      },
    ),
  );
  const loaded = await loadDemoData(db, "test", [program.code]);
  expect(loaded.skipped).toBe(1);
  expect(await hasDemoData(db)).toBe(true);
  const withDemo = await listCurrentObservations(db, { indicator: a, region: "ZZ" });
  expect(withDemo.map((o) => [o.period, o.source === DEMO_SOURCE])).toEqual([
    ["2018", true],
    ["2019", false],
    ["2020", true],
    ["2021", true],
    ["2022", true],
  ]);
  expect((await listCurrentObservations(db, { indicator: b })).length).toBe(15); // nation + 2 regions × 5
  await removeDemoData(db, "test");
  expect(await hasDemoData(db)).toBe(false);
  const after = await listCurrentObservations(db, { indicator: a });
  expect(after.map((o) => [o.period, o.value])).toEqual([["2019", 77]]);
  expect(await listCurrentObservations(db, { indicator: b })).toEqual([]);
});
