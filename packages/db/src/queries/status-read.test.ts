import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram, createTestDb, createUploadRow } from "../test/factories";
import { evaluateIndicatorStatuses } from "./indicator-status";
import { applyObservations } from "./observations";
import { importProgram } from "./programs";
import { figuresStamp } from "./status-read";
import { recordRowOutcomes } from "./uploads";

const db = createTestDb();
const def = buildProgram({
  indicators: [{ disaggregation: "regional", unit: "count", targets: { 2022: 100 } }],
});
const indicator = def.indicators[0]?.code ?? "";
const asOf = "2026-11-26";

async function apply(upload: { id: string; seq: string }, region: string, value: number) {
  const row = { indicator, region, period: "2020", year: 2020, value };
  await db
    .transaction()
    .execute((trx) =>
      applyObservations(trx, [row], { uploadId: upload.id, uploadSeq: upload.seq, author: "t" }),
    );
}

const nationalActual = async () =>
  (await evaluateIndicatorStatuses(db, { asOf, codes: [indicator] }))[0]?.latest?.value;

beforeAll(() => importProgram(db, def, "test"));
afterAll(() => db.destroy());

describe("figuresStamp", () => {
  it("moves with a new upload, with figures applied after it, and with an upload's progress", async () => {
    const before = await figuresStamp(db);
    const upload = await createUploadRow(db);
    const created = await figuresStamp(db);
    expect(created).not.toBe(before);
    await apply(upload, "ZZ-N", 10);
    const applied = await figuresStamp(db);
    expect(applied).not.toBe(created);
    await db
      .transaction()
      .execute((trx) => recordRowOutcomes(trx, upload.id, [{ row: 1, outcome: "inserted" }]));
    expect(await figuresStamp(db)).not.toBe(applied);
  });
});

describe("evaluateIndicatorStatuses, evaluated once per state of the figures", () => {
  it("shows a figure applied right after the same view was read", async () => {
    await apply(await createUploadRow(db), "ZZ-S", 5);
    const first = await nationalActual();
    expect(await nationalActual()).toBe(first);
    await apply(await createUploadRow(db), "ZZ-S", 7);
    expect(await nationalActual()).toBe((first ?? 0) + 2);
  });

  it("gives the same views as an evaluation inside a transaction (never cached)", async () => {
    for (const region of [undefined, "ZZ-N", "ZZ-S"]) {
      const cached = await evaluateIndicatorStatuses(db, { asOf, region, codes: [indicator] });
      const fresh = await db
        .transaction()
        .execute((trx) => evaluateIndicatorStatuses(trx, { asOf, region, codes: [indicator] }));
      expect(cached).toEqual(fresh);
    }
  });
});
