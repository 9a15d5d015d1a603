import { buildProgram } from "@spm/db/test/factories";
import type { ProgramDefinition } from "@spm/kpi";
import type { ImportResult } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// A dry run of a programme import (issue 15): the same validation and merge, an answer naming
// what would be created, changed, retired and kept, and nothing written or audited.
let app: TestApp;
let admin: string;
let manager: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await tokenFor(app.db, "admin");
  manager = await tokenFor(app.db, "manager");
});
afterAll(() => app?.close());

function put(program: ProgramDefinition, query = "") {
  return fetch(`${app.url}/api/v1/programs/${program.code}${query}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify(program),
  });
}

/** Everything an import of `program` writes: its rows, figures, history, audit and rules. */
async function snapshot(program: ProgramDefinition) {
  const db = app.db;
  const codes = program.indicators.map((i) => i.code);
  const of = <T>(rows: T[]) => JSON.stringify(rows);
  return {
    program: of(
      await db.selectFrom("programs").selectAll().where("code", "=", program.code).execute(),
    ),
    indicators: of(
      await db
        .selectFrom("indicators")
        .selectAll()
        .where("program_code", "=", program.code)
        .orderBy("code")
        .execute(),
    ),
    targets: of(
      await db
        .selectFrom("targets")
        .selectAll()
        .where("indicator_code", "in", codes)
        .orderBy("indicator_code")
        .orderBy("year")
        .execute(),
    ),
    figures: of(
      await db
        .selectFrom("observation_revisions")
        .select(["indicator_code", "period", "value"])
        .where("indicator_code", "in", codes)
        .orderBy("indicator_code")
        .orderBy("period")
        .execute(),
    ),
    changes: of(
      await db
        .selectFrom("indicator_changes")
        .selectAll()
        .where("indicator_code", "in", codes)
        .orderBy("id")
        .execute(),
    ),
    work: of(
      await db
        .selectFrom("status_work")
        .select(["indicator_code"])
        .where("indicator_code", "in", codes)
        // In the order it was written (without it, the plan's order, which may change).
        .orderBy("id")
        .execute(),
    ),
    rules: of(
      await db
        .selectFrom("alert_rules")
        .select(["id"])
        .where("program_code", "=", program.code)
        .execute(),
    ),
    audit: of(
      await db
        .selectFrom("audit_log")
        .select(["id"])
        .where("entity_id", "=", program.code)
        .execute(),
    ),
  };
}

/** Three indicators: A keeps its definition, B is changed by file and manager, C is retired. */
function threeIndicators() {
  return buildProgram({
    indicators: [{}, { history: [{ period: "2019", value: 55, source: "test" }] }, {}],
  });
}

describe("PUT /programs/:code?dryRun=true", () => {
  it("answers what a new programme's import would create and writes nothing", async () => {
    const program = threeIndicators();
    const before = await snapshot(program);
    const res = await put(program, "?dryRun=true");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "created",
      dryRun: true,
      conflicts: [],
      history: { inserted: 1, updated: 0, unchanged: 0 },
      diff: { created: program.indicators.map((i) => i.code), changed: [], retired: [] },
    });
    expect(await snapshot(program)).toEqual(before);
    const list = await fetch(`${app.url}/api/v1/programs`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(JSON.stringify(await list.json())).not.toContain(program.code);
  });

  it("names created, changed, retired and conflicting fields, kept or forced, and changes nothing", async () => {
    const program = threeIndicators();
    expect((await put(program)).status).toBe(201);
    const [a, b, c] = program.indicators.map((i) => i.code);
    const edit = await fetch(`${app.url}/api/v1/indicators/${b}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${manager}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "reports are due sooner", dueDays: 30 }),
    });
    expect(edit.status).toBe(200);
    const added = buildProgram({ suffix: `${program.code.slice(5)}N` }).indicators[0];
    const file: ProgramDefinition = {
      ...program,
      name: { ...program.name, en: "Renamed programme" },
      indicators: [
        program.indicators[0] as ProgramDefinition["indicators"][number],
        {
          ...(program.indicators[1] as ProgramDefinition["indicators"][number]),
          dueDays: 60,
          unit: "number",
          targets: { ...program.indicators[1]?.targets, "2020": 75 },
        },
        { ...(added as ProgramDefinition["indicators"][number]), code: `${c}_NEW` },
      ],
    };
    const before = await snapshot(program);

    const res = await put(file, "?dryRun=true");
    expect(res.status).toBe(200);
    const body = (await res.json()) as ImportResult;
    expect(body).toMatchObject({ status: "updated", dryRun: true, forced: false });
    expect(body.conflicts).toEqual([
      { indicator: b, field: "dueDays", fileValue: 60, currentValue: 30 },
    ]);
    const { names, ...diff } = body.diff;
    expect(names[`${c}_NEW`]?.en).toBe("Indicator 0");
    expect(names[c as string]).toEqual(program.indicators[2]?.name);
    expect(diff).toEqual({
      created: [`${c}_NEW`],
      changed: [
        {
          indicator: b,
          changes: [
            { field: "targets.2020", before: 70, after: 75 },
            { field: "unit", before: "percent", after: "number" },
          ],
        },
      ],
      retired: [c],
      program: [
        {
          field: "name",
          before: program.name,
          after: { ...program.name, en: "Renamed programme" },
        },
      ],
    });
    expect(body.diff.changed.map((x) => x.indicator)).not.toContain(a);

    const forced = (await (await put(file, "?dryRun=true&force=true")).json()) as ImportResult;
    expect(forced).toMatchObject({ dryRun: true, forced: true });
    expect(forced.conflicts).toEqual(body.conflicts);
    expect(forced.diff.changed[0]?.changes).toContainEqual({
      field: "dueDays",
      before: 30,
      after: 60,
    });
    expect(await snapshot(program)).toEqual(before);

    // The import itself then does what the dry run said.
    const real = (await (await put(file)).json()) as ImportResult;
    expect(real).toMatchObject({ status: "updated", dryRun: false, retired: [c] });
    expect(real.diff).toEqual(body.diff);
    expect(await snapshot(program)).not.toEqual(before);
  });

  it("refuses a bad file as the import does (422 naming the field), writing nothing", async () => {
    const program = threeIndicators();
    const bad = { ...program, years: { ...program.years, start: 2030 } };
    const res = await put(bad as ProgramDefinition, "?dryRun=true");
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("years");
    const flag = await put(program, "?dryRun=yes");
    expect(flag.status).toBe(400);
    expect(JSON.stringify(await flag.json())).toContain("dryRun");
    expect((await snapshot(program)).program).toBe("[]");
  });
});
