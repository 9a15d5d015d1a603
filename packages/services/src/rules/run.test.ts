import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { programAlertRuleSchema } from "@spm/kpi";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, alertFixtures, at } from "../alerts/test-support";
import { importProgram } from "../programs/run";
import { deleteAlertRule, listAlertRules, previewAlertRule, updateAlertRule } from "./run";

const db = createTestDb();
afterAll(() => db.destroy());
const { setFigure, setUp, evaluate } = alertFixtures(db);

describe("editing a rule", () => {
  it("keeps the state of alerts an edit still matches and retires the others", async () => {
    const { codes, stored } = await setUp({ channels: ["in_app"] });
    const [a, b] = codes as [string, string];
    await setFigure(a, 41);
    await setFigure(b, 41);
    expect(await evaluate(codes, 0)).toMatchObject({ notifications: 2 });
    const narrowed = {
      ...stored.rule,
      scope: { indicators: { indicator: a }, regions: "national" as const },
    };
    await db
      .transaction()
      .execute((trx) => updateAlertRule(trx, stored.id, narrowed, "test", at(1)));
    // Still firing for `a` (no second notice); `b` is out of scope and retired.
    expect(await evaluate(codes, 2)).toMatchObject({ evaluated: 1, notifications: 0 });
    const states = await db
      .selectFrom("alerts")
      .select(["indicator_code", "status", "retired_at"])
      .where("rule_id", "=", stored.id)
      .orderBy("indicator_code")
      .execute();
    expect(states.map((s) => [s.indicator_code, s.status, s.retired_at !== null])).toEqual([
      [a, "firing", false],
      [b, "normal", true],
    ]);
    await db.transaction().execute((trx) => deleteAlertRule(trx, stored.id, "test", at(3)));
    expect((await listAlertRules(db, { programCode: stored.programCode })).length).toBe(0);
    expect(await evaluate(codes, 4)).toMatchObject({ rules: 0 });
  });

  it("previews which alerts a rule would watch and which hold now", async () => {
    const { program, codes, stored } = await setUp();
    const [a, b] = codes as [string, string];
    await setFigure(a, 41);
    await setFigure(b, 50);
    const preview = await previewAlertRule(db, program.code, stored.rule, AS_OF, true);
    expect(preview).toMatchObject({ watched: 2, holding: 1 });
    expect(preview.rows.map((r) => [r.indicator, r.holds])).toEqual([
      [a, true],
      [b, false],
    ]);
    await expect(
      previewAlertRule(
        db,
        program.code,
        {
          ...stored.rule,
          scope: { indicators: { indicator: "NOPE" }, regions: "all" },
        },
        AS_OF,
        true,
      ),
    ).rejects.toThrow(/unknown indicator "NOPE"/);
  });
});

describe("shipped rules", () => {
  it("are created once at import and never overwrite a manager's edit", async () => {
    const base = buildProgram();
    const shipped = {
      key: "default",
      name: "Shipped",
      scope: { indicators: "all", regions: "national" },
      condition: { kind: "overdue" },
      channels: ["in_app"],
      recipients: { roles: ["manager"] },
    };
    const program = {
      ...base,
      alertRules: [programAlertRuleSchema.parse(shipped)],
    };
    await importProgram(db, program, "test");
    const [rule] = await listAlertRules(db, { programCode: program.code });
    expect(rule).toMatchObject({ key: "default", rule: { name: "Shipped" } });
    if (!rule) return;
    await db
      .transaction()
      .execute((trx) =>
        updateAlertRule(trx, rule.id, { ...rule.rule, name: "Edited" }, "test", new Date()),
      );
    await importProgram(db, { ...program, name: { ...program.name, en: "Renamed" } }, "test");
    const after = await listAlertRules(db, { programCode: program.code });
    expect(after.map((r) => r.rule.name)).toEqual(["Edited"]);
  });
});
