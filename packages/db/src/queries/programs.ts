import type { IndicatorDefinition, ProgramDefinition } from "@spm/kpi";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** Serialises imports of one programme: two at once queue behind each other. */
export async function lockProgram(trx: Trx, code: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`program:${code}`}))`.execute(trx);
}

/** The hash of a programme's stored definition, or undefined when there is no such programme. */
export async function findProgramHash(
  db: Conn,
  code: string,
): Promise<{ definitionHash: string } | undefined> {
  const row = await db
    .selectFrom("programs")
    .select("definition_hash")
    .where("code", "=", code)
    .executeTakeFirst();
  return row ? { definitionHash: row.definition_hash } : undefined;
}

/** Each programme's definition hash (it changes with every import or edit that changes it). */
export async function listProgramHashes(db: Conn): Promise<Map<string, string>> {
  const rows = await db.selectFrom("programs").select(["code", "definition_hash"]).execute();
  return new Map(rows.map((r) => [r.code, r.definition_hash]));
}

/** Which of the given indicator codes other programmes own already. */
export async function listIndicatorCodesOfOthers(
  db: Conn,
  programCode: string,
  codes: readonly string[],
): Promise<{ code: string; programCode: string }[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom("indicators")
    .select(["code", "program_code"])
    .where("code", "in", codes)
    .where("program_code", "!=", programCode)
    .execute();
  return rows.map((r) => ({ code: r.code, programCode: r.program_code }));
}

/**
 * Writes a validated definition: the programme row, its regions, directions, indicators and
 * targets. Indicators missing from the definition are retired, never deleted; returns their codes.
 */
export async function storeProgramDefinition(
  trx: Trx,
  def: ProgramDefinition,
  hash: string,
  /** The file as imported (the base of the next import's merge); absent for an edit. */
  imported?: ProgramDefinition,
): Promise<string[]> {
  await upsertProgramRow(trx, def, hash, imported);
  await upsertRegions(trx, def);
  await upsertDirections(trx, def);
  return upsertIndicators(trx, def);
}

async function upsertProgramRow(
  trx: Trx,
  def: ProgramDefinition,
  hash: string,
  imported: ProgramDefinition | undefined,
): Promise<void> {
  const row = {
    ...(imported ? { imported_definition: JSON.stringify(imported) } : {}),
    code: def.code,
    name: JSON.stringify(def.name),
    description: def.description ? JSON.stringify(def.description) : null,
    history_year: def.years.history ?? def.years.baseline,
    baseline_year: def.years.baseline,
    start_year: def.years.start,
    end_year: def.years.end,
    nation_code: def.nation.code,
    definition: JSON.stringify(def),
    definition_hash: hash,
    updated_at: new Date(),
  };
  await trx
    .insertInto("programs")
    .values(row)
    .onConflict((oc) => {
      const { code: _code, ...changes } = row;
      return oc.column("code").doUpdateSet(changes);
    })
    .execute();
}

async function upsertRegions(trx: Trx, def: ProgramDefinition): Promise<void> {
  const rows = [
    {
      code: def.nation.code,
      name: JSON.stringify(def.nation.name),
      kind: "nation" as const,
      parent_code: null,
    },
    ...def.regions.map((r) => ({
      code: r.code,
      name: JSON.stringify(r.name),
      kind: "region" as const,
      parent_code: def.nation.code,
    })),
  ];
  for (const row of rows) {
    await trx
      .insertInto("regions")
      .values(row)
      .onConflict((oc) => oc.column("code").doUpdateSet({ name: row.name, kind: row.kind }))
      .execute();
  }
  await trx.deleteFrom("program_regions").where("program_code", "=", def.code).execute();
  await trx
    .insertInto("program_regions")
    .values(rows.map((r, position) => ({ program_code: def.code, region_code: r.code, position })))
    .execute();
}

async function upsertDirections(trx: Trx, def: ProgramDefinition): Promise<void> {
  for (const [position, d] of def.directions.entries()) {
    const row = { program_code: def.code, code: d.code, name: JSON.stringify(d.name), position };
    await trx
      .insertInto("directions")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["program_code", "code"]).doUpdateSet({ name: row.name, position }),
      )
      .execute();
  }
}

async function upsertIndicators(trx: Trx, def: ProgramDefinition): Promise<string[]> {
  for (const [position, ind] of def.indicators.entries()) {
    const row = indicatorRow(def.code, ind, position);
    await trx
      .insertInto("indicators")
      .values(row)
      .onConflict((oc) => oc.column("code").doUpdateSet({ ...row, retired_at: null }))
      .execute();
    await replaceTargets(trx, ind);
  }
  const retired = await trx
    .updateTable("indicators")
    .set({ retired_at: new Date() })
    .where("program_code", "=", def.code)
    .where("retired_at", "is", null)
    .where(
      "code",
      "not in",
      def.indicators.map((i) => i.code),
    )
    .returning("code")
    .execute();
  return retired.map((r) => r.code);
}

function indicatorRow(programCode: string, ind: IndicatorDefinition, position: number) {
  return {
    code: ind.code,
    program_code: programCode,
    direction_code: ind.direction,
    position,
    name: JSON.stringify(ind.name),
    description: ind.description ? JSON.stringify(ind.description) : null,
    unit: ind.unit,
    polarity: ind.polarity,
    polarity_reason: ind.polarityReason ? JSON.stringify(ind.polarityReason) : null,
    frequency: ind.frequency,
    aggregation: ind.aggregation,
    disaggregation: ind.disaggregation,
    baseline_year: ind.baseline.year,
    baseline_value: ind.baseline.value,
    baseline_source: JSON.stringify(ind.baseline.source),
    targets_source: ind.targetsSource,
    thresholds: JSON.stringify(ind.thresholds),
    trajectory: ind.trajectory,
    due_days: ind.dueDays,
    owner: ind.owner ? JSON.stringify(ind.owner) : null,
    updated_at: new Date(),
  };
}

async function replaceTargets(trx: Trx, ind: IndicatorDefinition): Promise<void> {
  await trx.deleteFrom("targets").where("indicator_code", "=", ind.code).execute();
  const rows = Object.entries(ind.targets).map(([year, t]) => ({
    indicator_code: ind.code,
    year: Number(year),
    value: Array.isArray(t) ? null : t,
    min: Array.isArray(t) ? t[0] : null,
    max: Array.isArray(t) ? t[1] : null,
    source: ind.targetSources?.[year]?.kind ?? ind.targetsSource,
    document: ind.targetSources?.[year]?.document ?? null,
    updated_at: new Date(),
  }));
  if (rows.length > 0) await trx.insertInto("targets").values(rows).execute();
}
