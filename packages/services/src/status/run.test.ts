import {
  addStatusWork,
  applyObservations,
  currentDataVersion,
  listStoredFigures,
  loadProgramDefinitions,
} from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import {
  evaluateIndicator,
  generateDemoFigures,
  type IndicatorEvaluation,
  parsePeriod,
  placesOf,
} from "@spm/kpi";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { importProgram } from "../programs/run";
import {
  evaluateIndicatorEverywhere,
  evaluateIndicatorStatuses,
  processStatusWork,
  refreshStatuses,
} from "./run";

const db = createTestDb();
afterAll(() => db.destroy());

// Every polarity, unit, frequency and aggregation the status rules know.
function variedProgram() {
  return buildProgram({
    indicators: [
      {},
      { polarity: "decrease", targets: { 2018: 30, 2019: 25, 2020: 20, 2021: 15, 2022: 10 } },
      { unit: "count", frequency: "quarterly", aggregation: "sum", disaggregation: "regional" },
      { unit: "number", frequency: "monthly", aggregation: "mean", disaggregation: "regional" },
      { polarity: "range", targets: { 2018: [40, 60], 2020: [45, 55], 2022: [48, 52] } },
      { polarity: "monitor", targets: {}, disaggregation: "regional" },
      { trajectory: "cagr", disaggregation: "regional" },
    ],
  });
}

async function storeFigures(
  figures: { indicator: string; region: string; period: string; value: number }[],
  withWork: boolean,
) {
  const upload = await createUploadRow(db);
  await db.transaction().execute(async (trx) => {
    await applyObservations(
      trx,
      figures.map((f) => {
        const parsed = parsePeriod(f.period);
        return { ...f, year: parsed.ok ? parsed.period.year : 0 };
      }),
      { uploadId: upload.id, uploadSeq: upload.seq, author: "test" },
    );
    if (withWork)
      await addStatusWork(
        trx,
        figures.map((f) => f.indicator),
        "upload",
      );
  });
}

/**
 * Does the pending work of the given indicators, as a worker would. (Only theirs: a past as-of
 * date written for other suites' indicators would be read by their alerts.)
 */
async function drain(asOf: string, only: string[]): Promise<string[]> {
  const done: string[] = [];
  for (;;) {
    const step = await processStatusWork(db, { asOf, only });
    done.push(...step.indicators);
    if (!step.more) return done;
  }
}

/** The varied programme imported with its demo figures (and their status work). */
async function importWithDemoFigures() {
  const program = variedProgram();
  await importProgram(db, program, "test");
  await storeFigures(
    generateDemoFigures(program).map((f) => ({
      indicator: f.indicator,
      region: f.region ?? program.nation.code,
      period: f.period,
      value: Number(f.value),
    })),
    true,
  );
  return program;
}

async function pendingFor(code: string): Promise<number> {
  const rows = await db
    .selectFrom("status_work")
    .select("id")
    .where("indicator_code", "=", code)
    .where("done_at", "is", null)
    .execute();
  return rows.length;
}

describe("status work", () => {
  it("recomputes what the committed work asks for, once, with a new data version", async () => {
    const program = buildProgram({ indicators: [{}, {}] });
    await importProgram(db, program, "test");
    const [a, b] = program.indicators.map((i) => i.code) as [string, string];
    await drain("2019-06-01", [a, b]);
    await storeFigures([{ indicator: a, region: "ZZ", period: "2018", value: 50 }], true);
    const before = await currentDataVersion(db);
    expect(await drain("2019-06-01", [a, b])).toEqual([a]);
    expect(await pendingFor(a)).toBe(0);
    expect(await pendingFor(b)).toBe(0);
    expect(BigInt(await currentDataVersion(db))).toBeGreaterThan(BigInt(before));
    const [view] = await evaluateIndicatorStatuses(db, {
      mayReadConfidential: true,
      asOf: "2019-06-01",
      codes: [a],
    });
    expect(view?.status.current).toMatchObject({ level: "green", actual: 50, target: 50 });
    // Done work is not done again.
    expect(await drain("2019-06-01", [a, b])).toEqual([]);
  });

  it("leaves the read model as it was for figures written without work (the rule holds)", async () => {
    const program = buildProgram();
    await importProgram(db, program, "test");
    const code = program.indicators[0]?.code ?? "";
    await drain("2019-06-01", [code]);
    await storeFigures([{ indicator: code, region: "ZZ", period: "2018", value: 41 }], false);
    expect(await drain("2019-06-01", [code])).toEqual([]);
    const [stored] = await evaluateIndicatorStatuses(db, {
      mayReadConfidential: true,
      asOf: "2019-06-01",
      codes: [code],
    });
    // The read model is the truth pages read: without work, it still says what it said.
    expect(stored?.status.current.level).toBe("overdue");
    await addStatusWork(db, [code], "request");
    expect(await drain("2019-06-01", [code])).toEqual([code]);
    const [fresh] = await evaluateIndicatorStatuses(db, {
      mayReadConfidential: true,
      asOf: "2019-06-01",
      codes: [code],
    });
    expect(fresh?.status.current.level).toBe("red");
  });
});

describe("the read model and live evaluation", () => {
  it("agree on every indicator, place and as-of date, and snapshots carry the same status", async () => {
    const program = await importWithDemoFigures();
    const codes = program.indicators.map((i) => i.code);
    const { rows } = await import("kysely").then(({ sql }) =>
      sql<{ indicator_code: string; region_code: string; period: string; value: number }>`
        select indicator_code, region_code, period, value from observations
        where indicator_code = any(${codes}::text[])`.execute(db),
    );
    for (const asOf of ["2018-03-31", "2019-12-31", "2020-07-15", "2022-12-31", "2023-04-02"]) {
      await refreshStatuses(db, { asOf, codes });
      for (const indicator of program.indicators) {
        const figures = rows
          .filter((r) => r.indicator_code === indicator.code)
          .map((r) => ({ period: r.period, region: r.region_code, value: r.value }));
        const everywhere = await evaluateIndicatorEverywhere(db, {
          mayReadConfidential: true,
          code: indicator.code,
          asOf,
        });
        for (const [i, region] of placesOf(program, indicator).entries()) {
          const live: IndicatorEvaluation = evaluateIndicator({
            program,
            indicator,
            figures,
            region,
            asOf,
          });
          const [stored] = await evaluateIndicatorStatuses(db, {
            mayReadConfidential: true,
            asOf,
            region,
            codes: [indicator.code],
          });
          const {
            programCode,
            indicator: _d,
            explanation,
            withheld: _w,
            ...fromModel
          } = stored ?? {};
          expect(fromModel, `${indicator.code} ${region} ${asOf}`).toEqual(live);
          expect(everywhere[i]?.status).toEqual(live.status);
        }
      }
      const snapshots = await db
        .selectFrom("status_snapshots")
        .select(["status", "evaluation", "as_of"])
        .where("indicator_code", "in", codes)
        .execute();
      for (const s of snapshots) {
        expect(s.as_of).toBe(asOf);
        expect(s.status).toEqual((s.evaluation as IndicatorEvaluation).status);
      }
    }
  });
});

describe("the read model's programme years", () => {
  it("keeps each year's end in every place, read back as a live evaluation gives it", async () => {
    const program = await importWithDemoFigures();
    const nation = program.nation.code;
    const codes = program.indicators.map((i) => i.code);
    // As of a day in 2021: the year ends of 2018, 2019 and 2020 are kept.
    await refreshStatuses(db, { asOf: "2021-03-10", codes });
    const years = await db
      .selectFrom("status_years")
      .select(["indicator_code", "region_code", "year"])
      .where("indicator_code", "in", codes)
      .execute();
    const places = program.indicators.reduce((n, i) => n + placesOf(program, i).length, 0);
    expect(years).toHaveLength(places * 3);
    expect(new Set(years.map((y) => y.year))).toEqual(new Set([2018, 2019, 2020]));
    for (const asOf of ["2018-12-31", "2019-12-31", "2020-12-31"]) {
      for (const indicator of program.indicators) {
        const everywhere = await evaluateIndicatorEverywhere(db, {
          mayReadConfidential: true,
          code: indicator.code,
          asOf,
        });
        for (const [i, region] of placesOf(program, indicator).entries()) {
          const [stored] = await evaluateIndicatorStatuses(db, {
            mayReadConfidential: true,
            asOf,
            region,
            codes: [indicator.code],
          });
          const {
            programCode,
            indicator: _d,
            explanation,
            withheld: _w,
            ...fromModel
          } = stored ?? {};
          // The live evaluation of the same figures (a year not kept: 2021 is not over).
          const live = await liveEvaluation(indicator.code, region, asOf);
          expect(fromModel, `${indicator.code} ${region} ${asOf}`).toEqual(live);
          expect(everywhere[i]?.status).toEqual(live.status);
        }
      }
    }
    // The pages read the year from the table, not live: a changed row is what they show.
    const code = codes[0] ?? "";
    await db
      .updateTable("status_years")
      .set({
        evaluation: sql`jsonb_set(evaluation, '{status,current,level}', '"grey"')`,
      })
      .where("indicator_code", "=", code)
      .where("year", "=", 2019)
      .execute();
    const [read] = await evaluateIndicatorStatuses(db, {
      mayReadConfidential: true,
      asOf: "2019-12-31",
      codes: [code],
    });
    expect(read?.status.current.level).toBe("grey");
    // A day that is no year's end is evaluated live.
    const [odd] = await evaluateIndicatorStatuses(db, {
      mayReadConfidential: true,
      asOf: "2019-12-30",
      codes: [code],
    });
    expect(odd).toMatchObject(await liveEvaluation(code, nation, "2019-12-30"));
  });
});

async function liveEvaluation(code: string, region: string, asOf: string) {
  const figures = (await listStoredFigures(db, { indicators: [code] })).get(code) ?? [];
  const programs = await loadProgramDefinitions(db);
  const program = programs.find((p) => p.indicators.some((i) => i.code === code));
  const indicator = program?.indicators.find((i) => i.code === code);
  if (!program || !indicator) throw new Error(`no indicator ${code}`);
  return evaluateIndicator({ program, indicator, figures, region, asOf });
}
