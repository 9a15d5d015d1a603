import { fileURLToPath } from "node:url";
import { programDefinitionSchema } from "@spm/kpi";
import { afterAll, describe, expect, it } from "vitest";
import { loadProgramFile } from "../program-loader";
import { buildProgram, createTestDb } from "../test/factories";
import { listPrograms } from "./catalog";
import { importProgram } from "./programs";

const db = createTestDb();
afterAll(() => db.destroy());

describe("region tiles", () => {
  it("the seed programme places each of its 17 regions on its own tile", async () => {
    const seed = fileURLToPath(new URL("../../seed/kz-spcret-2018-2022.yaml", import.meta.url));
    const result = await loadProgramFile(seed);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const tiles = result.definition.regions.map((r) => r.tile && `${r.tile.row},${r.tile.col}`);
    expect(tiles).toHaveLength(17);
    expect(tiles.every(Boolean)).toBe(true);
    expect(new Set(tiles).size).toBe(17);
  });

  it("listPrograms gives each region the tile of the imported file, and none when it has none", async () => {
    const base = buildProgram();
    const [north, south] = base.regions;
    const def = programDefinitionSchema.parse({
      ...base,
      regions: [{ ...north, tile: { row: 1, col: 3 } }, south],
    });
    await importProgram(db, def, "test");
    const program = (await listPrograms(db)).find((p) => p.code === def.code);
    expect(program?.regions.map((r) => [r.code, r.tile])).toEqual([
      ["ZZ", undefined],
      ["ZZ-N", { row: 1, col: 3 }],
      ["ZZ-S", undefined],
    ]);
  });
});
