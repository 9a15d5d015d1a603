// The status use case's run half: status work claimed from Postgres, the read model written
// with the data version, and read back for pages and the API (live only where it has no row).
import {
  addStatusWork,
  advanceDataVersion,
  claimStatusWork,
  type Db,
  expandFullStatusWork,
  findProgramHash,
  listPendingStatusWork,
  listProgramHashes,
  listStatusSnapshots,
  listStatusYears,
  listStoredFigures,
  loadProgramDefinitions,
  replaceStatusYears,
  upsertStatusSnapshots,
} from "@spm/db";
import {
  evaluateIndicator,
  explainStatus,
  type IndicatorDefinition,
  type IndicatorEvaluation,
  type IsoDate,
  type Locale,
  type ProgramDefinition,
  placesOf,
  type ShownEvaluation,
  showEvaluation,
  showYearStatuses,
  type YearStatus,
} from "@spm/kpi";
import {
  evaluatePlaces,
  type IndicatorRef,
  indicatorsOf,
  snapshotRows,
  yearEndsOf,
  yearRows,
} from "./compute";
import { figuresCounted, readFigures } from "./figures";

/**
 * Recomputes one indicator's statuses in every place — as of `asOf` and at each programme
 * year's end up to it — in one transaction that claims its pending work, writes the read model
 * and advances the data version. Skips (returns null) when no work was pending: another worker
 * has just done it.
 */
export async function refreshIndicator(
  db: Db,
  loaded: IndicatorRef,
  asOf: IsoDate,
  /** The hash of the programme's definition `loaded` was read with (see definitionHashes). */
  loadedHash?: string,
): Promise<{ evaluated: number; changed: number } | null> {
  const code = loaded.indicator.code;
  return db.transaction().execute(async (trx) => {
    if ((await claimStatusWork(trx, code)) === 0) return null;
    // The work claimed may be an edit's or an import's that committed after the definitions
    // were loaded: read them again then (the claim has seen that commit, so does this read).
    let ref = loaded;
    if (loadedHash !== undefined) {
      const now = await findProgramHash(trx, loaded.program.code);
      if (now?.definitionHash !== loadedHash) {
        const fresh = indicatorsOf(await loadProgramDefinitions(trx)).find(
          (r) => r.indicator.code === code,
        );
        // Retired meanwhile: it keeps its last statuses, its work is done.
        if (!fresh) return { evaluated: 0, changed: 0 };
        ref = fresh;
      }
    }
    const stored = (await listStoredFigures(trx, { indicators: [code] })).get(code) ?? [];
    const figures = await figuresCounted(trx, ref.program, stored);
    const evaluations = evaluatePlaces(ref, figures, asOf);
    const years = new Map(
      yearEndsOf(ref.program, asOf).map((end) => [end, evaluatePlaces(ref, figures, end)]),
    );
    const version = await advanceDataVersion(trx);
    const changed = await upsertStatusSnapshots(
      trx,
      code,
      snapshotRows(code, evaluations, asOf, version),
    );
    await replaceStatusYears(trx, code, yearRows(code, years, version));
    return { evaluated: evaluations.length, changed };
  });
}

export interface StatusWorkResult {
  /** Indicators whose statuses were recomputed. */
  indicators: string[];
  evaluated: number;
  changed: number;
}

/**
 * Does the pending status work: "every indicator" rows become one row per active indicator,
 * then each indicator with pending work is recomputed, oldest first, until none is left (or
 * `maxIndicators` were done: the caller then asks again).
 */
export async function processStatusWork(
  db: Db,
  args: { asOf: IsoDate; maxIndicators?: number; only?: readonly string[] },
): Promise<StatusWorkResult & { more: boolean }> {
  const max = args.maxIndicators ?? 500;
  const out: StatusWorkResult = { indicators: [], evaluated: 0, changed: 0 };
  for (let first = true; ; first = false) {
    // Hashes first, definitions after: a change between the two reads is caught at the claim.
    const hashes = await listProgramHashes(db);
    const programs = await loadProgramDefinitions(db);
    const refs = new Map(indicatorsOf(programs).map((r) => [r.indicator.code, r]));
    if (first && !args.only) await expandFullStatusWork(db, [...refs.keys()]);
    const room = Math.min(50, max - out.indicators.length);
    const pending = await listPendingStatusWork(db, room, args.only);
    if (pending.length === 0) return { ...out, more: false };
    for (const code of pending) {
      const ref = refs.get(code);
      // A retired indicator keeps its last statuses; its work is simply done.
      const result = ref
        ? await refreshIndicator(db, ref, args.asOf, hashes.get(ref.program.code))
        : await retireWork(db, code).then(() => null);
      if (!result) continue;
      out.indicators.push(code);
      out.evaluated += result.evaluated;
      out.changed += result.changed;
    }
    if (out.indicators.length >= max) return { ...out, more: true };
  }
}

async function retireWork(db: Db, code: string): Promise<void> {
  await db.transaction().execute((trx) => claimStatusWork(trx, code));
}

/**
 * Records status work for the given indicators (every active one when absent) and does it at
 * once (only theirs, when codes are given): for the command line, benchmarks and tests.
 */
export async function refreshStatuses(
  db: Db,
  args: { asOf: IsoDate; codes?: readonly string[] },
): Promise<StatusWorkResult> {
  await addStatusWork(db, args.codes ?? "all", "request");
  const out: StatusWorkResult = { indicators: [], evaluated: 0, changed: 0 };
  for (;;) {
    const step = await processStatusWork(db, { asOf: args.asOf, only: args.codes });
    out.indicators.push(...step.indicators);
    out.evaluated += step.evaluated;
    out.changed += step.changed;
    if (!step.more) return out;
  }
}

/**
 * The read model's evaluations of some indicators in some places as of a date, by
 * `code|place`: the current snapshots stored for that date, and the programme year's row when
 * the date is a year's end.
 */
async function storedEvaluations(
  db: Db,
  args: { codes: readonly string[]; places?: readonly string[]; asOf: IsoDate },
): Promise<Map<string, IndicatorEvaluation>> {
  const out = new Map<string, IndicatorEvaluation>();
  if (args.asOf.endsWith("-12-31")) {
    const year = Number(args.asOf.slice(0, 4));
    for (const row of await listStatusYears(db, { ...args, year })) {
      out.set(`${row.indicator_code}|${row.region_code}`, row.evaluation as IndicatorEvaluation);
    }
  }
  for (const s of await listStatusSnapshots(db, args)) {
    if (s.as_of === args.asOf && s.evaluation) {
      out.set(`${s.indicator_code}|${s.region_code}`, s.evaluation as IndicatorEvaluation);
    }
  }
  return out;
}

/** An evaluation as its reader may see it: confidential values withheld from one without the right. */
export interface IndicatorStatusView extends ShownEvaluation {
  programCode: string;
  indicator: IndicatorDefinition;
  /** "Why this colour", in the requested language. */
  explanation: { current: string; trajectory: string };
  /** The status each programme year had at its end, when asked for (`withYears`). */
  years?: YearStatus[];
}

/**
 * The statuses of indicators (all active ones, or the given codes) in one place (the nation
 * when absent) as of a date: from the read model where it holds that place and date, evaluated
 * live by the same function for the rest (an odd as-of date, a national indicator's region, or
 * the figures as they were known on `reportedOn`).
 */
export async function evaluateIndicatorStatuses(
  db: Db,
  args: {
    asOf: IsoDate;
    region?: string;
    /** Only this programme's indicators. */
    program?: string;
    codes?: readonly string[];
    /** Evaluate the figures as they were known at the end of this day (UTC), not as they are. */
    reportedOn?: IsoDate | null;
    locale?: Locale;
    /** The reader holds the `confidential` permission (else those values are withheld). */
    mayReadConfidential: boolean;
    /** Adds each programme year's status at its end (the annual report's table). */
    withYears?: boolean;
  },
): Promise<IndicatorStatusView[]> {
  const programs = (await loadProgramDefinitions(db)).filter(
    (p) => !args.program || p.code === args.program,
  );
  const wanted = args.codes ? new Set(args.codes) : null;
  const selected = indicatorsOf(programs).filter((r) => !wanted || wanted.has(r.indicator.code));
  const placeOf = (p: ProgramDefinition) => args.region ?? p.nation.code;
  // The read model holds today's knowledge only: a past report is always evaluated live.
  const found = args.reportedOn
    ? new Map<string, IndicatorEvaluation>()
    : await storedEvaluations(db, {
        codes: selected.map((s) => s.indicator.code),
        places: [...new Set(selected.map((s) => placeOf(s.program)))],
        asOf: args.asOf,
      });
  const missing = selected.filter((s) => !found.has(`${s.indicator.code}|${placeOf(s.program)}`));
  const live = await evaluateLive(db, missing, args);
  return selected.map((ref) => {
    const key = `${ref.indicator.code}|${placeOf(ref.program)}`;
    const evaluation = found.get(key) ?? (live.get(key) as IndicatorEvaluation);
    const view = toView(ref, evaluation, args);
    if (!args.withYears) return view;
    const input = { ...ref, years: ref.program.years, evaluation, asOf: args.asOf };
    return { ...view, years: showYearStatuses(input, args.mayReadConfidential) };
  });
}

/**
 * One indicator in every place it is stored for (the nation first), in one read: from the read
 * model when it holds every place for the date, else evaluated live from one read of figures.
 */
export async function evaluateIndicatorEverywhere(
  db: Db,
  args: {
    code: string;
    asOf: IsoDate;
    reportedOn?: IsoDate | null;
    locale?: Locale;
    mayReadConfidential: boolean;
  },
): Promise<(IndicatorStatusView & { years: YearStatus[] })[]> {
  const ref = indicatorsOf(await loadProgramDefinitions(db)).find(
    (r) => r.indicator.code === args.code,
  );
  if (!ref) return [];
  const places = placesOf(ref.program, ref.indicator);
  const stored = args.reportedOn
    ? new Map<string, IndicatorEvaluation>()
    : await storedEvaluations(db, { codes: [args.code], asOf: args.asOf });
  const evaluations = places.every((p) => stored.has(`${args.code}|${p}`))
    ? places.map((p) => stored.get(`${args.code}|${p}`) as IndicatorEvaluation)
    : evaluatePlaces(
        ref,
        await figuresCounted(
          db,
          ref.program,
          (await readFigures(db, { indicators: [args.code], reportedOn: args.reportedOn })).get(
            args.code,
          ) ?? [],
        ),
        args.asOf,
      );
  return evaluations.map((evaluation) => ({
    ...toView(ref, evaluation, args),
    years: showYearStatuses(
      { indicator: ref.indicator, years: ref.program.years, evaluation, asOf: args.asOf },
      args.mayReadConfidential,
    ),
  }));
}

/**
 * An evaluation as pages and the API show it: what its reader may see of it (the one place the
 * confidential rule is applied to statuses), with its definition and "why", in a language.
 */
function toView(
  ref: IndicatorRef,
  evaluation: IndicatorEvaluation,
  reader: { locale?: Locale; mayReadConfidential: boolean },
): IndicatorStatusView {
  const shown = showEvaluation(evaluation, reader.mayReadConfidential);
  return {
    ...shown,
    programCode: ref.program.code,
    indicator: ref.indicator,
    explanation: explainStatus(shown.status, reader.locale ?? "en", shown.withheld),
  };
}

async function evaluateLive(
  db: Db,
  refs: readonly IndicatorRef[],
  args: { asOf: IsoDate; region?: string; reportedOn?: IsoDate | null },
): Promise<Map<string, IndicatorEvaluation>> {
  const out = new Map<string, IndicatorEvaluation>();
  if (refs.length === 0) return out;
  // A region's status reads its own figures only; the nation's is derived from all of them.
  const national = !args.region || refs.some((r) => r.program.nation.code === args.region);
  const figures = await readFigures(db, {
    indicators: refs.map((r) => r.indicator.code),
    region: national ? undefined : args.region,
    reportedOn: args.reportedOn,
  });
  for (const ref of refs) {
    const region = args.region ?? ref.program.nation.code;
    const evaluation = evaluateIndicator({
      ...ref,
      figures: await figuresCounted(db, ref.program, figures.get(ref.indicator.code) ?? []),
      region,
      asOf: args.asOf,
    });
    out.set(`${ref.indicator.code}|${region}`, evaluation);
  }
  return out;
}
