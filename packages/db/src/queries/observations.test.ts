import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram, createTestDb, createTestProgram, createUploadRow } from "../test/factories";
import { applyObservations, listCurrentObservations, listRevisions } from "./observations";

const db = createTestDb();
const def = buildProgram({ indicators: [{}] });
const indicator = def.indicators[0]?.code ?? "";
const figure = (period: string, value: number, region = "ZZ-N") => ({
  indicator,
  region,
  period,
  year: Number(period.slice(0, 4)),
  value,
});

beforeAll(() => createTestProgram(db, def));
afterAll(() => db.destroy());

async function apply(upload: { id: string; seq: string }, rows: ReturnType<typeof figure>[]) {
  return db
    .transaction()
    .execute((trx) =>
      applyObservations(trx, rows, { uploadId: upload.id, uploadSeq: upload.seq, author: "t" }),
    );
}

describe("applyObservations", () => {
  it("counts inserted, updated and unchanged rows and keeps every revision", async () => {
    const first = await createUploadRow(db);
    expect(await apply(first, [figure("2018", 50), figure("2019", 55)])).toEqual([
      "inserted",
      "inserted",
    ]);
    const second = await createUploadRow(db);
    expect(await apply(second, [figure("2018", 50), figure("2019", 57.5)])).toEqual([
      "unchanged",
      "updated",
    ]);
    const current = await listCurrentObservations(db, { indicator, region: "ZZ-N" });
    expect(current.map((o) => [o.period, o.value, o.revision_count])).toEqual([
      ["2018", 50, 1],
      ["2019", 57.5, 2],
    ]);
    const revisions = await listRevisions(db, { indicator, region: "ZZ-N", period: "2019" });
    expect(revisions.map((r) => r.value)).toEqual([57.5, 55]);
  });

  it("lets the later-accepted upload win even when it is applied first", async () => {
    const earlier = await createUploadRow(db);
    const later = await createUploadRow(db);
    await apply(later, [figure("2020", 70, "ZZ-S")]);
    expect(await apply(earlier, [figure("2020", 60, "ZZ-S")])).toEqual(["unchanged"]);
    const [current] = await listCurrentObservations(db, {
      indicator,
      region: "ZZ-S",
      fromYear: 2020,
      toYear: 2020,
    });
    expect(current?.value).toBe(70);
    const revisions = await listRevisions(db, { indicator, region: "ZZ-S", period: "2020" });
    expect(revisions.map((r) => r.value)).toEqual([70, 60]);
  });

  it("applies nothing twice when the same upload is applied again", async () => {
    const upload = await createUploadRow(db);
    await apply(upload, [figure("2021", 80)]);
    expect(await apply(upload, [figure("2021", 80)])).toEqual(["unchanged"]);
    const revisions = await listRevisions(db, { indicator, region: "ZZ-N", period: "2021" });
    expect(revisions).toHaveLength(1);
  });

  it("refuses a batch that sets the same figure twice", async () => {
    const upload = await createUploadRow(db);
    await expect(apply(upload, [figure("2022", 1), figure("2022", 2)])).rejects.toThrow(
      /duplicate/,
    );
  });
});
