/**
 * Importing a programme (DESIGN.md, "Programme definition"): the file is read and validated,
 * then the definition, its history figures, its shipped alert rules and the status work it
 * causes are written in one transaction.
 */
import { readFile } from "node:fs/promises";
import {
  type Actor,
  actorFields,
  addStatusWork,
  advanceDataVersion,
  type Database,
  type Db,
  findImportedDefinition,
  findProgramHash,
  listIndicatorCodesOfOthers,
  loadProgramDefinitions,
  lockProgram,
  recordAudit,
  storeIndicatorChange,
  storeProgramDefinition,
  storeProgramHistory,
} from "@spm/db";
import {
  diffIndicator,
  findDhis2Clashes,
  type ImportConflict,
  mergeIndicator,
  type ProgramDefinition,
  programDefinitionSchema,
} from "@spm/kpi";
import type { Transaction } from "kysely";
import { stringify as stringifyYaml } from "yaml";
import { ServiceError } from "../errors";
import { createShippedAlertRules } from "../rules/run";
import { hashDefinition, historyInputs, type LoadResult, parseProgramDefinition } from "./compute";
import { diffProgramDefinitions, type ImportDiff } from "./diff";

export interface ImportResult {
  status: "created" | "updated" | "unchanged";
  code: string;
  indicators: number;
  retired: string[];
  history: { inserted: number; updated: number; unchanged: number };
  /**
   * Fields managers changed since the last import that this file would set otherwise: kept as
   * they are, unless the import was forced (then the file's values were written).
   */
  conflicts: ImportConflict[];
  forced: boolean;
  /** What the import creates, changes and retires (the same for a dry run). */
  diff: ImportDiff;
  /** True when nothing was written: the answer says what an import would do. */
  dryRun: boolean;
}

/** Carries a dry run's answer out of its transaction, which it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/** A programme's current definition (managers' edits included) as YAML, or undefined. */
export async function programDefinitionYaml(db: Db, code: string): Promise<string | undefined> {
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === code);
  return program ? stringifyYaml(program, { lineWidth: 0 }) : undefined;
}

/** Reads and validates a programme definition file (YAML or JSON by extension). */
export async function loadProgramFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, issues: [{ path: "(file)", message: (error as Error).message }] };
  }
  return parseProgramDefinition(text, file);
}

/**
 * Creates or updates a programme from a validated definition in one transaction. Observations
 * are kept; indicators missing from the new file are retired, never deleted. A dry run takes the
 * very same path and rolls the transaction back (nothing written, nothing audited).
 */
export async function importProgram(
  db: Db,
  file: ProgramDefinition,
  actor: Actor,
  options: { force?: boolean; dryRun?: boolean } = {},
): Promise<ImportResult> {
  const dryRun = options.dryRun === true;
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await importInTransaction(trx, file, actor, options.force === true, dryRun);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

async function importInTransaction(
  trx: Transaction<Database>,
  file: ProgramDefinition,
  actor: Actor,
  forced: boolean,
  dryRun: boolean,
): Promise<ImportResult> {
  const codes = file.indicators.map((i) => i.code);
  await lockProgram(trx, file.code);
  const existing = await findProgramHash(trx, file.code);
  const { def, conflicts } = existing
    ? await mergeWithEdits(trx, file, forced)
    : { def: file, conflicts: [] };
  const hash = hashDefinition(def);
  const before = existing
    ? (await loadProgramDefinitions(trx)).find((p) => p.code === def.code)
    : undefined;
  const base = {
    code: def.code,
    indicators: def.indicators.length,
    retired: [] as string[],
    conflicts,
    forced,
    diff: diffProgramDefinitions(before, def),
    dryRun,
  };
  if (existing?.definitionHash === hash) {
    // Nothing changes; the file is still the base of the next merge.
    await storeImportedBase(trx, file);
    return { ...base, status: "unchanged", history: { inserted: 0, updated: 0, unchanged: 0 } };
  }
  const taken = await listIndicatorCodesOfOthers(trx, def.code, codes);
  if (taken.length > 0) {
    throw new ServiceError(
      "indicator_code_taken",
      `indicator codes already used by another programme: ${taken.map((t) => `${t.code} (${t.programCode})`).join(", ")}`,
      taken.map((t) => ({ path: `indicators.${t.code}`, message: `used by ${t.programCode}` })),
    );
  }
  // A DHIS2 id naming two indicators or places would make an upload's rows ambiguous.
  const others = (await loadProgramDefinitions(trx)).filter((p) => p.code !== def.code);
  const clashes = findDhis2Clashes(def, others);
  if (clashes.length > 0) {
    const list = clashes.map((c) => `${c.path}: ${c.message}`).join("; ");
    throw new ServiceError(
      "dhis2_id_taken",
      `DHIS2 ids mapped by another programme: ${list}`,
      clashes,
    );
  }
  const retired = await storeProgramDefinition(trx, def, hash, file);
  await recordImportChanges(trx, before, def, actor, forced);
  const history = await storeProgramHistory(
    trx,
    `program ${def.code}`,
    historyInputs(def),
    actorFields(actor).actor,
  );
  await createShippedAlertRules(trx, def, actor);
  // New targets, thresholds or history change statuses: the work commits with the import.
  await addStatusWork(trx, codes, "import");
  // Definitions are data the pages show: their caches key on the data version.
  await advanceDataVersion(trx);
  await recordAudit(trx, {
    ...actorFields(actor),
    action: existing ? "program.update" : "program.create",
    entityType: "program",
    entityId: def.code,
    before: existing ? { hash: existing.definitionHash } : undefined,
    after: { hash, indicators: codes, retired, forced, conflicts },
  });
  return { ...base, retired, status: existing ? "updated" : "created", history };
}

/**
 * The file merged with managers' edits since the last import (kpi mergeIndicator, per
 * indicator): edited fields the file differs on are conflicts, kept unless `force`.
 */
async function mergeWithEdits(
  trx: Transaction<Database>,
  file: ProgramDefinition,
  force: boolean,
): Promise<{ def: ProgramDefinition; conflicts: ImportConflict[] }> {
  const stored = (await findImportedDefinition(trx, file.code)) as ProgramDefinition | undefined;
  const current = (await loadProgramDefinitions(trx)).find((p) => p.code === file.code);
  const conflicts: ImportConflict[] = [];
  const indicators = file.indicators.map((incoming) => {
    const merged = mergeIndicator(
      stored?.indicators.find((i) => i.code === incoming.code),
      current?.indicators.find((i) => i.code === incoming.code),
      incoming,
      force,
    );
    conflicts.push(...merged.conflicts);
    return merged.merged;
  });
  if (conflicts.length === 0 || force) return { def: { ...file, indicators }, conflicts };
  // Kept edits must still fit the file (a polarity changed to range needs range targets).
  const parsed = programDefinitionSchema.safeParse({ ...file, indicators });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join("."),
      message: i.message,
    }));
    throw new ServiceError(
      "invalid_definition",
      `managers' edits kept by this import no longer fit the file (import with force to take the file's values): ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
      details,
    );
  }
  return { def: parsed.data, conflicts };
}

/** Keeps `file` as the base of the next import's merge. */
async function storeImportedBase(trx: Transaction<Database>, file: ProgramDefinition) {
  await trx
    .updateTable("programs")
    .set({ imported_definition: JSON.stringify(file) })
    .where("code", "=", file.code)
    .execute();
}

/** Each existing indicator the import changed gets a history entry (and a new version). */
async function recordImportChanges(
  trx: Transaction<Database>,
  before: ProgramDefinition | undefined,
  after: ProgramDefinition,
  actor: Actor,
  forced: boolean,
): Promise<void> {
  if (!before) return;
  for (const ind of after.indicators) {
    const old = before.indicators.find((i) => i.code === ind.code);
    const changes = old ? diffIndicator(old, ind) : [];
    if (changes.length === 0) continue;
    await storeIndicatorChange(trx, {
      indicator: ind.code,
      kind: "import",
      actor: actorFields(actor).actor,
      reason: forced ? "programme file imported with force" : "programme file imported",
      changes,
    });
  }
}
