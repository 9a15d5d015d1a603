import { createHash } from "node:crypto";
import type { IndicatorDefinition, ProgramDefinition } from "@spm/kpi";
import { sql, type Transaction } from "kysely";
import type { Db } from "../client";
import type { Database } from "../database";
import { DbError } from "../errors";
import { createShippedAlertRules } from "./alert-rules";
import { type Actor, actorFields, recordAudit } from "./audit";
import { syncHistory } from "./program-history";
import { addStatusWork, advanceDataVersion } from "./status-work";

type Trx = Transaction<Database>;

export interface ImportResult {
  status: "created" | "updated" | "unchanged";
  code: string;
  indicators: number;
  retired: string[];
  history: { inserted: number; updated: number; unchanged: number };
}

/** A stable hash of a validated definition: importing the same content twice changes nothing. */
export function hashDefinition(def: ProgramDefinition): string {
  return createHash("sha256").update(canonicalJson(def)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Creates or updates a programme from a validated definition in one transaction. Observations
 * are kept; indicators missing from the new file are retired, never deleted.
 */
export async function importProgram(
  db: Db,
  def: ProgramDefinition,
  actor: Actor,
): Promise<ImportResult> {
  const hash = hashDefinition(def);
  return db.transaction().execute(async (trx) => {
    // Two imports of the same programme at once queue behind each other.
    await sql`select pg_advisory_xact_lock(hashtext(${`program:${def.code}`}))`.execute(trx);
    const existing = await trx
      .selectFrom("programs")
      .select(["definition_hash", "definition"])
      .where("code", "=", def.code)
      .executeTakeFirst();
    const base = { code: def.code, indicators: def.indicators.length, retired: [] as string[] };
    if (existing?.definition_hash === hash) {
      return { ...base, status: "unchanged", history: { inserted: 0, updated: 0, unchanged: 0 } };
    }
    await assertIndicatorCodesFree(trx, def);
    await upsertProgramRow(trx, def, hash);
    await upsertRegions(trx, def);
    await upsertDirections(trx, def);
    const retired = await upsertIndicators(trx, def);
    const history = await syncHistory(trx, def, actorFields(actor).actor);
    await createShippedAlertRules(trx, def, actor);
    // New targets, thresholds or history change statuses: the work commits with the import.
    await addStatusWork(
      trx,
      def.indicators.map((i) => i.code),
      "import",
    );
    // Definitions are data the pages show: their caches key on the data version.
    await advanceDataVersion(trx);
    await recordAudit(trx, {
      ...actorFields(actor),
      action: existing ? "program.update" : "program.create",
      entityType: "program",
      entityId: def.code,
      before: existing ? { hash: existing.definition_hash } : undefined,
      after: { hash, indicators: def.indicators.map((i) => i.code), retired },
    });
    return { ...base, retired, status: existing ? "updated" : "created", history };
  });
}

async function assertIndicatorCodesFree(trx: Trx, def: ProgramDefinition): Promise<void> {
  const taken = await trx
    .selectFrom("indicators")
    .select(["code", "program_code"])
    .where(
      "code",
      "in",
      def.indicators.map((i) => i.code),
    )
    .where("program_code", "!=", def.code)
    .execute();
  if (taken.length > 0) {
    throw new DbError(
      "indicator_code_taken",
      `indicator codes already used by another programme: ${taken.map((t) => `${t.code} (${t.program_code})`).join(", ")}`,
      taken.map((t) => ({ path: `indicators.${t.code}`, message: `used by ${t.program_code}` })),
    );
  }
}

async function upsertProgramRow(trx: Trx, def: ProgramDefinition, hash: string): Promise<void> {
  const row = {
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
    polarity_reason: ind.polarityReason ?? null,
    frequency: ind.frequency,
    aggregation: ind.aggregation,
    disaggregation: ind.disaggregation,
    baseline_year: ind.baseline.year,
    baseline_value: ind.baseline.value,
    baseline_source: ind.baseline.source,
    targets_source: ind.targetsSource,
    thresholds: JSON.stringify(ind.thresholds),
    trajectory: ind.trajectory,
    due_days: ind.dueDays,
    owner: ind.owner ?? null,
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
    source: ind.targetsSource,
    updated_at: new Date(),
  }));
  if (rows.length > 0) await trx.insertInto("targets").values(rows).execute();
}
