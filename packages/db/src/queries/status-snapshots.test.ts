import { afterAll, describe, expect, it } from "vitest";
import { buildProgram, createTestDb, createTestProgram } from "../test/factories";
import { listProgramDataStamps, upsertStatusSnapshots } from "./status-snapshots";

const db = createTestDb();
afterAll(() => db.destroy());

const snapshot = (code: string, region: string, version: number) => ({
  indicator_code: code,
  region_code: region,
  as_of: "2026-01-01",
  current_level: "green",
  trajectory_level: "on_track",
  status: {},
  evaluation: {},
  data_version: String(version),
});

describe("programme data stamps", () => {
  it("give each programme the newest data version of its own indicators' statuses only", async () => {
    const [first, second, bare] = [
      buildProgram({ indicators: [{}, {}] }),
      buildProgram(),
      buildProgram(),
    ];
    for (const p of [first, second, bare]) await createTestProgram(db, p);
    const [a, b] = first.indicators.map((i) => i.code);
    await upsertStatusSnapshots(db, a ?? "", [
      snapshot(a ?? "", "ZZ", 7),
      snapshot(a ?? "", "ZZ-N", 9),
    ]);
    await upsertStatusSnapshots(db, b ?? "", [snapshot(b ?? "", "ZZ", 8)]);
    const c = second.indicators[0]?.code ?? "";
    await upsertStatusSnapshots(db, c, [snapshot(c, "ZZ", 3)]);
    const stamps = await listProgramDataStamps(db);
    const of = (code: string) => stamps.find((s) => s.programCode === code);
    expect(of(first.code)).toEqual({
      programCode: first.code,
      dataVersion: "9",
      computedAt: expect.any(Date),
    });
    expect(of(second.code)?.dataVersion).toBe("3");
    // A programme whose statuses were never computed has no stamp.
    expect(of(bare.code)).toBeUndefined();
  });
});
