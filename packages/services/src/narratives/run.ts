/**
 * Narratives (DESIGN.md, "Managing a programme"): why a year's figure deviates and what is being
 * done, per indicator × place × year, written by the stewards of that place and by managers,
 * every version kept; which years need one and have none.
 */
import {
  type Actor,
  actorFields,
  advanceDataVersion,
  type Db,
  listCurrentNarratives,
  listNarrativeVersions,
  listYearsMissingNarratives,
  loadProgramDefinitions,
  type NarrativeVersion,
  recordAudit,
  storeNarrative,
} from "@spm/db";
import { type NarrativeBody, narrativeLevels, type ProgramDefinition } from "@spm/kpi";
import { ServiceError } from "../errors";
import { findEditableIndicator } from "../programs/edit";

/** Where a narrative is: the programme, the place (nation when absent), the year, checked. */
async function locate(
  db: Db,
  args: { code: string; year: number; region?: string },
): Promise<{ program: ProgramDefinition; region: string }> {
  const { program } = await findEditableIndicator(db, args.code);
  const region = args.region ?? program.nation.code;
  const places = [program.nation.code, ...program.regions.map((r) => r.code)];
  if (!places.includes(region)) {
    throw new ServiceError("invalid_input", `no place ${region} in ${program.code}`, [
      { path: "region", message: `one of ${places.join(", ")}` },
    ]);
  }
  const first = program.years.history ?? program.years.baseline;
  if (args.year < first || args.year > program.years.end) {
    throw new ServiceError("invalid_input", `${program.code} has no year ${args.year}`, [
      { path: "year", message: `a year from ${first} to ${program.years.end}` },
    ]);
  }
  return { program, region };
}

/**
 * Writes the next version of a narrative. `places` are the writer's (null: every place);
 * `ifMatch` the version the writer saw (0: none yet), refused with `stale_version` when another
 * was written since.
 */
export async function writeNarrative(
  db: Db,
  input: {
    code: string;
    year: number;
    region?: string;
    body: NarrativeBody;
    places: readonly string[] | null;
    ifMatch?: number;
    actor: Actor;
  },
): Promise<NarrativeVersion> {
  const { region } = await locate(db, input);
  if (input.places !== null && !input.places.includes(region)) {
    throw new ServiceError("forbidden", `narratives of ${region} are written by its own people`);
  }
  const key = { indicator: input.code, region, year: input.year };
  return db.transaction().execute(async (trx) => {
    const { stored, previous } = await storeNarrative(trx, key, {
      explanation: input.body.explanation,
      measures: input.body.measures ?? null,
      author: actorFields(input.actor).actor,
    });
    if (input.ifMatch !== undefined && input.ifMatch !== previous) {
      throw new ServiceError(
        "stale_version",
        `the narrative is at version ${previous}, not ${input.ifMatch}: reload it and write again`,
      );
    }
    // Pages show narratives: their caches key on the data version.
    await advanceDataVersion(trx);
    await recordAudit(trx, {
      ...actorFields(input.actor),
      action: "narrative.write",
      entityType: "narrative",
      entityId: `${key.indicator}:${key.region}:${key.year}`,
      before: { version: previous },
      after: {
        version: stored.version,
        explanation: stored.explanation,
        measures: stored.measures,
      },
    });
    return stored;
  });
}

/** A narrative's current text and every earlier version (newest first). */
export async function readNarrative(
  db: Db,
  args: { code: string; year: number; region?: string },
): Promise<{
  indicator: string;
  region: string;
  year: number;
  current: NarrativeVersion | null;
  history: NarrativeVersion[];
}> {
  const { region } = await locate(db, args);
  const history = await listNarrativeVersions(db, {
    indicator: args.code,
    region,
    year: args.year,
  });
  return { indicator: args.code, region, year: args.year, current: history[0] ?? null, history };
}

/** The current narratives of a programme's indicators (one place, up to a year, optional). */
export async function programNarratives(
  db: Db,
  program: ProgramDefinition,
  filter: { region?: string; maxYear?: number } = {},
): Promise<NarrativeVersion[]> {
  return listCurrentNarratives(db, {
    indicators: program.indicators.map((i) => i.code),
    ...filter,
  });
}

/** The years of a programme whose level needs a narrative and that have none. */
export async function missingNarratives(
  db: Db,
  args: { program: string; year?: number; region?: string },
) {
  const program = (await loadProgramDefinitions(db)).find((p) => p.code === args.program);
  if (!program) throw new ServiceError("not_found", `no programme ${args.program}`);
  const levels = narrativeLevels(program);
  const missing = await listYearsMissingNarratives(db, {
    indicators: program.indicators.map((i) => i.code),
    levels,
    year: args.year,
    region: args.region,
  });
  return { program: program.code, levels, missing };
}
