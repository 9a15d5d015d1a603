import type { IndicatorDefinition, ProgramDefinition, RegionTile, TargetValue } from "@spm/kpi";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Indicator, LocalizedJson } from "../database";
import { currentDataVersion } from "./status-work";

type Conn = Kysely<Database> | Transaction<Database>;

export interface ProgramSummary {
  code: string;
  name: LocalizedJson;
  years: { history: number; baseline: number; start: number; end: number };
  nationCode: string;
  directions: { code: string; name: LocalizedJson }[];
  /** In file order; `tile` is the region's place on the tile map, when the file gives one. */
  regions: { code: string; name: LocalizedJson; kind: "nation" | "region"; tile?: RegionTile }[];
}

/** Lists every programme with its directions and regions, in file order. */
export async function listPrograms(db: Conn): Promise<ProgramSummary[]> {
  const [programs, directions, regions] = await Promise.all([
    // Not the stored definition: every page lists programmes, and a definition is large.
    db
      .selectFrom("programs")
      .select([
        "code",
        "name",
        "history_year",
        "baseline_year",
        "start_year",
        "end_year",
        "nation_code",
        sql<{ code: string; tile?: RegionTile }[]>`definition -> 'regions'`.as("region_defs"),
      ])
      .orderBy("code")
      .execute(),
    db.selectFrom("directions").selectAll().orderBy("position").execute(),
    db
      .selectFrom("program_regions as pr")
      .innerJoin("regions as r", "r.code", "pr.region_code")
      .select(["pr.program_code", "r.code", "r.name", "r.kind"])
      .orderBy("pr.position")
      .execute(),
  ]);
  return programs.map((p) => {
    const tiles = new Map(p.region_defs.map((r) => [r.code, r.tile]));
    return {
      code: p.code,
      name: p.name,
      years: {
        history: p.history_year,
        baseline: p.baseline_year,
        start: p.start_year,
        end: p.end_year,
      },
      nationCode: p.nation_code,
      directions: directions
        .filter((d) => d.program_code === p.code)
        .map((d) => ({ code: d.code, name: d.name })),
      regions: regions
        .filter((r) => r.program_code === p.code)
        .map((r) => {
          const tile = tiles.get(r.code);
          return { code: r.code, name: r.name, kind: r.kind, ...(tile ? { tile } : {}) };
        }),
    };
  });
}

// Definitions change rarely and are read by every evaluation: keep the last load per database
// handle, and reload when the data version moves (an import advances it with its changes).
const cache = new WeakMap<object, { version: string; programs: ProgramDefinition[] }>();

/** Loads the active programme definitions, with targets as currently stored (managers may edit them). */
export async function loadProgramDefinitions(db: Conn): Promise<ProgramDefinition[]> {
  // Inside a transaction, always read: it may be the one changing them.
  if (db.isTransaction) return readProgramDefinitions(db);
  const version = await currentDataVersion(db);
  const cached = cache.get(db);
  if (cached?.version === version) return cached.programs;
  const programs = await readProgramDefinitions(db);
  cache.set(db, { version, programs });
  return programs;
}

async function readProgramDefinitions(db: Conn): Promise<ProgramDefinition[]> {
  const [programs, indicators, targets] = await Promise.all([
    db.selectFrom("programs").select(["code", "definition"]).orderBy("code").execute(),
    db.selectFrom("indicators").select(["code"]).where("retired_at", "is", null).execute(),
    db.selectFrom("targets").selectAll().execute(),
  ]);
  const active = new Set(indicators.map((i) => i.code));
  const targetsOf = new Map<string, Record<string, TargetValue>>();
  for (const t of targets) {
    const map = targetsOf.get(t.indicator_code) ?? {};
    map[String(t.year)] = t.value !== null ? t.value : [t.min ?? 0, t.max ?? 0];
    targetsOf.set(t.indicator_code, map);
  }
  return programs.map((p) => {
    const def = p.definition as ProgramDefinition;
    return {
      ...def,
      indicators: def.indicators
        .filter((i: IndicatorDefinition) => active.has(i.code))
        .map((i: IndicatorDefinition) => ({ ...i, targets: targetsOf.get(i.code) ?? {} })),
    };
  });
}

/** Lists the active indicators (optionally of one programme) in programme order. */
export async function listIndicators(db: Conn, programCode?: string): Promise<Indicator[]> {
  let q = db.selectFrom("indicators").selectAll().where("retired_at", "is", null);
  if (programCode) q = q.where("program_code", "=", programCode);
  return q.orderBy("program_code").orderBy("position").execute();
}

/** Finds one indicator by code, retired or not. */
export async function findIndicatorByCode(db: Conn, code: string): Promise<Indicator | undefined> {
  return db.selectFrom("indicators").selectAll().where("code", "=", code).executeTakeFirst();
}
