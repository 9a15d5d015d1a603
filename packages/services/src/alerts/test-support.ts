/** Arrangements shared by the alert tests: a programme with a rule, figures, statuses. */
import {
  applyObservations,
  type Db,
  listStoredFigures,
  loadProgramDefinitions,
  upsertStatusSnapshots,
} from "@spm/db";
import { buildProgram, createTestUser, createUploadRow } from "@spm/db/test/factories";
import type { AlertRule, AlertRuleInput } from "@spm/kpi";
import { alertRuleSchema, evaluateIndicator, placesOf } from "@spm/kpi";
import { importProgram } from "../programs/run";
import { createAlertRule } from "../rules/run";
import { evaluateAlerts } from "./evaluate";

export const AS_OF = "2019-06-01";
export const at = (minutes: number) =>
  new Date(Date.parse("2019-06-01T08:00:00Z") + minutes * 60_000);

export function alertIdOf(row: { payload: unknown } | undefined): string {
  if (!row) throw new Error("no notification");
  return (row.payload as { alertId: string }).alertId;
}

/** The arrangements, bound to one test file's database connection. */
export function alertFixtures(db: Db) {
  async function setFigure(
    code: string,
    value: number,
    region = "ZZ",
    flag: string | null = null,
  ): Promise<void> {
    const upload = await createUploadRow(db);
    const figure = { indicator: code, region, period: "2018", year: 2018, value, flag };
    await db.transaction().execute((trx) =>
      applyObservations(trx, [figure], {
        uploadId: upload.id,
        uploadSeq: upload.seq,
        author: "test",
      }),
    );
    await storeStatuses(code);
  }

  /** Writes the read model's rows of one indicator (what the status service does in the worker). */
  async function storeStatuses(code: string): Promise<void> {
    const programs = await loadProgramDefinitions(db);
    const program = programs.find((p) => p.indicators.some((i) => i.code === code));
    const indicator = program?.indicators.find((i) => i.code === code);
    if (!program || !indicator) throw new Error(`no indicator ${code}`);
    const figures = (await listStoredFigures(db, { indicators: [code] })).get(code) ?? [];
    const rows = placesOf(program, indicator).map((region) => {
      const e = evaluateIndicator({ program, indicator, figures, region, asOf: AS_OF });
      return {
        indicator_code: code,
        region_code: region,
        as_of: AS_OF,
        current_level: e.status.current.level,
        trajectory_level: e.status.trajectory.level,
        status: e.status,
        evaluation: e,
        data_version: "0",
      };
    });
    await upsertStatusSnapshots(db, code, rows);
  }

  async function setUp(rule: Partial<AlertRuleInput> = {}, indicators = [{}, {}]) {
    const program = buildProgram({ indicators });
    await importProgram(db, program, "test");
    const manager = await createTestUser(db, { role: "manager", email: "boss@example.org" });
    const codes = program.indicators.map((i) => i.code);
    const parsed: AlertRule = alertRuleSchema.parse({
      name: "Red nationally",
      scope: { indicators: "all", regions: "national" },
      condition: { kind: "status_is", levels: ["red"] },
      channels: ["email", "in_app"],
      recipients: { users: [manager.username] },
      ...rule,
    });
    const stored = await db
      .transaction()
      .execute((trx) => createAlertRule(trx, { programCode: program.code, rule: parsed }, "test"));
    return { program, codes, manager, stored };
  }

  function evaluate(codes: string[], minutes: number) {
    return evaluateAlerts(db, { now: at(minutes), codes });
  }
  return { setFigure, setUp, evaluate };
}
