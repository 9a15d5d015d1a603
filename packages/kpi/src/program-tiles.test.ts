import { describe, expect, it } from "vitest";
import { MAX_TILE, programDefinitionSchema } from "./program";
import { SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";

function withTiles(...tiles: unknown[]) {
  return {
    ...SYNTHETIC_PROGRAM_INPUT,
    regions: SYNTHETIC_PROGRAM_INPUT.regions.map((region, i) =>
      tiles[i] === undefined ? region : { ...region, tile: tiles[i] },
    ),
  };
}

function issues(input: unknown): string[] {
  const result = programDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("region tiles on the regions map", () => {
  it("are optional: a programme without them stays valid and has none", () => {
    const parsed = programDefinitionSchema.parse(SYNTHETIC_PROGRAM_INPUT);
    expect(parsed.regions.map((r) => r.tile)).toEqual([undefined, undefined]);
  });

  it("keep the row and column given, for some regions or all", () => {
    const parsed = programDefinitionSchema.parse(withTiles({ row: 2, col: 5 }));
    expect(parsed.regions.map((r) => r.tile)).toEqual([{ row: 2, col: 5 }, undefined]);
    expect(issues(withTiles({ row: 1, col: 1 }, { row: MAX_TILE, col: 1 }))).toEqual([]);
  });

  it.each([
    [{ row: 0, col: 1 }, "regions.0.tile.row: Too small: expected number to be >=1"],
    [
      { row: 1, col: MAX_TILE + 1 },
      `regions.0.tile.col: Too big: expected number to be <=${MAX_TILE}`,
    ],
    [{ row: 1.5, col: 1 }, "regions.0.tile.row: Invalid input: expected int, received number"],
    [{ row: 1 }, "regions.0.tile.col: Invalid input: expected number, received undefined"],
    [{ row: 1, col: 1, x: 1 }, 'regions.0.tile: Unrecognized key: "x"'],
  ])("refuses the tile %j", (tile, expected) => {
    expect(issues(withTiles(tile))).toEqual([expected]);
  });

  it("refuses two regions on the same tile, naming the first one", () => {
    expect(issues(withTiles({ row: 3, col: 4 }, { row: 3, col: 4 }))).toEqual([
      "regions.1.tile: same tile as KZ-ALA",
    ]);
  });
});
