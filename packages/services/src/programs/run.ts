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
  type Db,
  findProgramHash,
  listIndicatorCodesOfOthers,
  loadProgramDefinitions,
  lockProgram,
  recordAudit,
  storeProgramDefinition,
  storeProgramHistory,
} from "@spm/db";
import { findDhis2Clashes, type ProgramDefinition } from "@spm/kpi";
import { ServiceError } from "../errors";
import { createShippedAlertRules } from "../rules/run";
import { hashDefinition, historyInputs, type LoadResult, parseProgramDefinition } from "./compute";

export interface ImportResult {
  status: "created" | "updated" | "unchanged";
  code: string;
  indicators: number;
  retired: string[];
  history: { inserted: number; updated: number; unchanged: number };
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
 * are kept; indicators missing from the new file are retired, never deleted.
 */
export async function importProgram(
  db: Db,
  def: ProgramDefinition,
  actor: Actor,
): Promise<ImportResult> {
  const hash = hashDefinition(def);
  const codes = def.indicators.map((i) => i.code);
  return db.transaction().execute(async (trx) => {
    await lockProgram(trx, def.code);
    const existing = await findProgramHash(trx, def.code);
    const base = { code: def.code, indicators: def.indicators.length, retired: [] as string[] };
    if (existing?.definitionHash === hash) {
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
    const retired = await storeProgramDefinition(trx, def, hash);
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
      after: { hash, indicators: codes, retired },
    });
    return { ...base, retired, status: existing ? "updated" : "created", history };
  });
}
