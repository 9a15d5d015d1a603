import { randomBytes } from "node:crypto";
import {
  listAudit,
  listCurrentObservations,
  listIndicators,
  loadProgramDefinitions,
} from "@spm/db";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";
import { ServiceError } from "../errors";
import { importProgram } from "./run";

const db = createTestDb();
afterAll(() => db.destroy());

const withHistory = (suffix?: string) =>
  buildProgram({
    suffix,
    indicators: [
      {
        history: [
          { period: "2016", value: 35, source: "note 1" },
          { period: "2017", value: 40, source: "note 2" },
        ],
      },
      { unit: "count", polarity: "decrease", aggregation: "sum", targets: { 2022: 5 } },
    ],
  });

describe("importProgram", () => {
  it("creates a programme with indicators, targets and its history as observations", async () => {
    const def = withHistory();
    const result = await importProgram(db, def, "test");
    expect(result).toMatchObject({ status: "created", indicators: 2, history: { inserted: 2 } });
    const indicators = await listIndicators(db, def.code);
    expect(indicators.map((i) => i.code)).toEqual([
      def.indicators[0]?.code,
      def.indicators[1]?.code,
    ]);
    const obs = await listCurrentObservations(db, { indicator: def.indicators[0]?.code ?? "" });
    expect(obs.map((o) => [o.period, o.region_code, o.value, o.source])).toEqual([
      ["2016", "ZZ", 35, "note 1"],
      ["2017", "ZZ", 40, "note 2"],
    ]);
  });

  it("changes nothing when the same definition is imported twice", async () => {
    const def = withHistory();
    await importProgram(db, def, "test");
    const auditBefore = await listAudit(db, { entityType: "program", entityId: def.code });
    const again = await importProgram(db, def, "test");
    expect(again.status).toBe("unchanged");
    const auditAfter = await listAudit(db, { entityType: "program", entityId: def.code });
    expect(auditAfter).toHaveLength(auditBefore.length);
  });

  it("updates definitions, keeps observations and retires indicators dropped from the file", async () => {
    const def = withHistory();
    await importProgram(db, def, "test");
    const first = def.indicators[0];
    if (!first) throw new Error("fixture");
    const changed = { ...def, indicators: [{ ...first, targets: { ...first.targets, 2022: 99 } }] };
    const result = await importProgram(db, changed, "test");
    expect(result.status).toBe("updated");
    expect(result.retired).toEqual([def.indicators[1]?.code]);
    expect(result.history).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const [loaded] = (await loadProgramDefinitions(db)).filter((p) => p.code === def.code);
    expect(loaded?.indicators.map((i) => i.targets["2022"])).toEqual([99]);
    const obs = await listCurrentObservations(db, { indicator: first.code });
    expect(obs).toHaveLength(2);
  });

  it("refuses an indicator code owned by another programme and writes nothing", async () => {
    const owner = withHistory();
    await importProgram(db, owner, "test");
    const thief = buildProgram({ indicators: [{}] });
    const stolen = {
      ...thief,
      indicators: [{ ...thief.indicators[0], code: owner.indicators[0]?.code }],
    };
    await expect(importProgram(db, stolen as typeof thief, "test")).rejects.toBeInstanceOf(
      ServiceError,
    );
    const rows = await db
      .selectFrom("programs")
      .select("code")
      .where("code", "=", thief.code)
      .execute();
    expect(rows).toEqual([]);
  });

  // Fresh ids each run: the test database keeps the programmes of earlier runs.
  const DE = `d${randomBytes(5).toString("hex")}`;
  const OU = `o${randomBytes(5).toString("hex")}`;
  it("refuses DHIS2 ids another programme maps to another indicator or place, naming them", async () => {
    const owner = buildProgram({ indicators: [{ dhis2: [{ dataElement: DE }] }] });
    const ownerRegions = owner.regions.map((r, i) => (i === 0 ? { ...r, dhis2: [OU] } : r));
    await importProgram(db, { ...owner, regions: ownerRegions }, "test");
    const other = buildProgram({ indicators: [{ dhis2: [{ dataElement: DE }] }] });
    // The same org unit on the same place is no clash; on another place it is.
    const regions = other.regions.map((r) => ({ ...r, dhis2: [OU] }));
    const error = await importProgram(db, { ...other, regions }, "test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("dhis2_id_taken");
    expect((error as ServiceError).details).toEqual([
      {
        path: `indicators.${other.indicators[0]?.code}.dhis2.0`,
        message: `${DE} is already mapped to ${owner.indicators[0]?.code}`,
      },
      { path: "regions.ZZ-S.dhis2.0", message: `org unit ${OU} is already ZZ-N` },
    ]);
    const rows = await db
      .selectFrom("programs")
      .select("code")
      .where("code", "=", other.code)
      .execute();
    expect(rows).toEqual([]);
    // Re-importing the owner's own mapping is fine.
    const again = { ...owner, regions: ownerRegions, description: undefined };
    await expect(importProgram(db, again, "test")).resolves.toMatchObject({ code: owner.code });
  });
});
