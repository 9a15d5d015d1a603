import { findProgramHash, listStatusYears, loadProgramDefinitions } from "@spm/db";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";
import { editIndicator } from "../programs/edit";
import { importProgram } from "../programs/run";
import { indicatorsOf } from "./compute";
import { refreshIndicator } from "./run";

const db = createTestDb();
afterAll(() => db.destroy());

describe("status work claimed after a definition changed", () => {
  it("is done with the definition as it is at the claim, not as the worker loaded it", async () => {
    // 2019: 55 against a target of 60 (amber); a target of 55 makes it green.
    const program = buildProgram({
      indicators: [{ history: [{ period: "2019", value: 55, source: "test" }] }],
    });
    const code = program.indicators[0]?.code ?? "";
    await importProgram(db, program, "test");
    // What a worker in the middle of a pass holds: the definitions and their hash.
    const loaded = indicatorsOf(await loadProgramDefinitions(db)).find(
      (r) => r.indicator.code === code,
    );
    const hash = (await findProgramHash(db, program.code))?.definitionHash;
    // A manager's edit commits (with its status work) while the worker goes on.
    await editIndicator(db, {
      code,
      patch: { reason: "decree", targets: { "2019": 55 } },
      actor: "test",
    });
    const done = await refreshIndicator(
      db,
      loaded as NonNullable<typeof loaded>,
      "2026-01-01",
      hash,
    );
    expect(loaded?.indicator.targets["2019"]).toBe(60);
    expect(done).not.toBeNull();
    const [y2019] = await listStatusYears(db, { year: 2019, codes: [code], places: ["ZZ"] });
    const evaluation = y2019?.evaluation as { status: { current: { level: string } } };
    expect(evaluation.status.current.level).toBe("green");
  });
});
