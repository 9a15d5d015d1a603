/**
 * A manager's edit of one indicator's definition (DESIGN.md, "Managing a programme"): the patch
 * is applied to the stored definition, the whole programme validated again, and the definition,
 * the change history, the status work and the audit entry written in one transaction.
 */
import {
  type Actor,
  actorFields,
  addStatusWork,
  advanceDataVersion,
  type Db,
  findIndicatorByCode,
  listIndicatorChanges,
  loadProgramDefinitions,
  lockProgram,
  recordAudit,
  storeIndicatorChange,
  storeProgramDefinition,
} from "@spm/db";
import {
  applyIndicatorPatch,
  diffIndicator,
  type FieldChange,
  type IndicatorDefinition,
  type IndicatorPatch,
  type ProgramDefinition,
  programDefinitionSchema,
} from "@spm/kpi";
import { ServiceError } from "../errors";
import { hashDefinition } from "./compute";

export interface EditResult {
  code: string;
  program: string;
  /** The version after the edit (the same when nothing changed). */
  version: number;
  changes: FieldChange[];
  indicator: IndicatorDefinition;
}

/** The indicator as it is now, with its program and version, or `not_found`. */
export async function findEditableIndicator(
  db: Db,
  code: string,
): Promise<{ program: ProgramDefinition; indicator: IndicatorDefinition; version: number }> {
  const row = await findIndicatorByCode(db, code);
  if (!row || row.retired_at) throw new ServiceError("not_found", `no indicator ${code}`);
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === row.program_code);
  const indicator = program?.indicators.find((i) => i.code === code);
  if (!program || !indicator) throw new ServiceError("not_found", `no indicator ${code}`);
  return { program, indicator, version: row.version };
}

/**
 * Applies `patch` to indicator `code`. `ifMatch` (the version the editor saw) refuses the edit
 * with `stale_version` when someone changed the indicator since; a definition the programme
 * schema refuses is `invalid_definition`, each issue named by its field (`targets.2030`).
 */
export async function editIndicator(
  db: Db,
  input: { code: string; patch: IndicatorPatch; ifMatch?: number; actor: Actor },
): Promise<EditResult> {
  const { code, patch } = input;
  return db.transaction().execute(async (trx) => {
    const row = await findIndicatorByCode(trx, code);
    if (!row || row.retired_at) throw new ServiceError("not_found", `no indicator ${code}`);
    await lockProgram(trx, row.program_code);
    // Read again under the programme's lock: an import or edit that committed meanwhile counts.
    const locked = await findIndicatorByCode(trx, code);
    const version = locked?.version ?? row.version;
    if (input.ifMatch !== undefined && input.ifMatch !== version) {
      throw new ServiceError(
        "stale_version",
        `the indicator is at version ${version}, not ${input.ifMatch}: reload it and edit again`,
      );
    }
    const program = (await loadProgramDefinitions(trx)).find((p) => p.code === row.program_code);
    const before = program?.indicators.find((i) => i.code === code);
    if (!program || !before) throw new ServiceError("not_found", `no indicator ${code}`);
    const { program: parsed, indicator: after } = patchedProgram(program, before, patch);
    const changes = diffIndicator(before, after);
    if (changes.length === 0)
      return { code, program: program.code, version, changes, indicator: before };
    await storeProgramDefinition(trx, parsed, hashDefinition(parsed));
    const { actor } = actorFields(input.actor);
    const next = await storeIndicatorChange(trx, {
      indicator: code,
      kind: "edit",
      actor,
      reason: patch.reason,
      changes,
    });
    // Targets and thresholds are status inputs: the status work commits with the edit.
    await addStatusWork(trx, [code], "edit");
    await advanceDataVersion(trx);
    await recordAudit(trx, {
      ...actorFields(input.actor),
      action: "indicator.update",
      entityType: "indicator",
      entityId: code,
      before: { version, fields: Object.fromEntries(changes.map((c) => [c.field, c.before])) },
      after: {
        version: next,
        fields: Object.fromEntries(changes.map((c) => [c.field, c.after])),
        reason: patch.reason,
      },
    });
    return { code, program: program.code, version: next, changes, indicator: after };
  });
}

/**
 * The programme with one indicator patched, validated whole; `invalid_definition` names each
 * issue by its field on the indicator (`targets.2030`).
 */
export function patchedProgram(
  program: ProgramDefinition,
  before: IndicatorDefinition,
  patch: Omit<IndicatorPatch, "reason">,
): { program: ProgramDefinition; indicator: IndicatorDefinition } {
  const position = program.indicators.indexOf(before);
  const patched = applyIndicatorPatch(before, patch);
  const parsed = programDefinitionSchema.safeParse({
    ...program,
    indicators: program.indicators.map((i) => (i === before ? patched : i)),
  });
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: fieldOf(issue.path, position),
      message: issue.message,
    }));
    throw new ServiceError(
      "invalid_definition",
      details.map((d) => `${d.path}: ${d.message}`).join("; "),
      details,
    );
  }
  return {
    program: parsed.data,
    indicator: parsed.data.indicators[position] as IndicatorDefinition,
  };
}

/** The field of an issue on the patched indicator (`targets.2030`), or the programme's path. */
function fieldOf(path: readonly PropertyKey[], position: number): string {
  const [head, index, ...rest] = path;
  if (head === "indicators" && index === position)
    return rest.map(String).join(".") || "(indicator)";
  return path.map(String).join(".");
}

/** An indicator's definition history, newest first (at most `limit`, default 100). */
export async function indicatorHistory(db: Db, code: string, limit = 100) {
  const row = await findIndicatorByCode(db, code);
  if (!row) throw new ServiceError("not_found", `no indicator ${code}`);
  return { code, version: row.version, changes: await listIndicatorChanges(db, code, limit) };
}
