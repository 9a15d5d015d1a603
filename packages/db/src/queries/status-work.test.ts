import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram, createTestDb, createTestProgram } from "../test/factories";
import { addStatusWork, claimStatusWork, listPendingStatusWork } from "./status-work";

const db = createTestDb();
const def = buildProgram({ indicators: [{}, {}, {}] });
const [a, b, c] = def.indicators.map((i) => i.code) as [string, string, string];

beforeAll(() => createTestProgram(db, def));
afterAll(() => db.destroy());

describe("pending status work", () => {
  it("comes for changed inputs before whole refreshes, oldest first within each", async () => {
    await addStatusWork(db, [a, b], "date");
    await addStatusWork(db, [c], "upload");
    await addStatusWork(db, [b], "worker_start");
    await addStatusWork(db, [a], "import");
    // a: a whole refresh and an import (its inputs changed); b: whole refreshes only.
    expect(await listPendingStatusWork(db, 10, [a, b, c])).toEqual([a, c, b]);
    expect(await listPendingStatusWork(db, 1, [a, b, c])).toEqual([a]);
    for (const code of [a, b, c]) {
      await db.transaction().execute((trx) => claimStatusWork(trx, code));
    }
    expect(await listPendingStatusWork(db, 10, [a, b, c])).toEqual([]);
  });
});
