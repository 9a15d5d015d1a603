import { programDefinitionSchema } from "@spm/kpi";
import { afterAll, describe, expect, it } from "vitest";
import { buildProgram, createTestDb, createTestProgram } from "../test/factories";
import { listPrograms } from "./catalog";

const db = createTestDb();
afterAll(() => db.destroy());

describe("region tiles", () => {
  it("listPrograms gives each region the tile of the imported file, and none when it has none", async () => {
    const base = buildProgram();
    const [north, south] = base.regions;
    const def = programDefinitionSchema.parse({
      ...base,
      regions: [{ ...north, tile: { row: 1, col: 3 } }, south],
    });
    await createTestProgram(db, def);
    const program = (await listPrograms(db)).find((p) => p.code === def.code);
    expect(program?.regions.map((r) => [r.code, r.tile])).toEqual([
      ["ZZ", undefined],
      ["ZZ-N", { row: 1, col: 3 }],
      ["ZZ-S", undefined],
    ]);
  });
});
