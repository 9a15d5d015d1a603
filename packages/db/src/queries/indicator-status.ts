import {
  evaluateIndicator,
  explainStatus,
  type IndicatorDefinition,
  type IndicatorEvaluation,
  type IsoDate,
  type Locale,
  type ProgramDefinition,
} from "@spm/kpi";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../database";
import { loadProgramDefinitions } from "./catalog";
import { listObservationsForIndicators } from "./observations";
import { listStoredFigures, memoizeByFigures } from "./status-read";

type Conn = Kysely<Database> | Transaction<Database>;

export interface IndicatorStatusView extends IndicatorEvaluation {
  programCode: string;
  indicator: IndicatorDefinition;
  /** "Why this colour", in the requested language. */
  explanation: { current: string; trajectory: string };
}

/**
 * Loads definitions and current figures and evaluates each indicator (all active ones, or the
 * given codes) for one region or the nation as of a date, through packages/kpi. The same view
 * is evaluated once until figures or definitions change (memoizeByFigures).
 */
export async function evaluateIndicatorStatuses(
  db: Conn,
  args: { asOf: IsoDate; region?: string; codes?: string[]; locale?: Locale },
): Promise<IndicatorStatusView[]> {
  const programs = await loadProgramDefinitions(db);
  const key = [args.asOf, args.region ?? "", args.codes ? [...args.codes].sort().join(",") : "*"];
  const evaluations = await memoizeByFigures(
    db,
    { key: key.join("|"), definitions: programs },
    () => evaluateStored(db, programs, args),
  );
  return evaluations.map((e) => ({
    ...e,
    explanation: explainStatus(e.status, args.locale ?? "en"),
  }));
}

async function evaluateStored(
  db: Conn,
  programs: ProgramDefinition[],
  args: { asOf: IsoDate; region?: string; codes?: string[] },
): Promise<Omit<IndicatorStatusView, "explanation">[]> {
  const wanted = args.codes ? new Set(args.codes) : null;
  const selected = programs.flatMap((program) =>
    program.indicators
      .filter((indicator) => !wanted || wanted.has(indicator.code))
      .map((indicator) => ({ program, indicator })),
  );
  // A region's status reads its own figures only; the nation's is derived from all of them.
  const national = !args.region || programs.some((p) => p.nation.code === args.region);
  const figures = await listStoredFigures(db, {
    indicators: selected.map((s) => s.indicator.code),
    region: national ? undefined : args.region,
  });
  return selected.map(({ program, indicator }) => ({
    ...evaluateIndicator({
      program,
      indicator,
      figures: figures.get(indicator.code) ?? [],
      region: args.region,
      asOf: args.asOf,
    }),
    programCode: program.code,
    indicator,
  }));
}

/** The places an indicator is evaluated for: the nation, plus every region when regional. */
export function regionsOf(program: ProgramDefinition, indicator: IndicatorDefinition): string[] {
  const regions = indicator.disaggregation === "regional" ? program.regions.map((r) => r.code) : [];
  return [program.nation.code, ...regions];
}

/**
 * Recomputes and stores the status snapshots of indicators (all active ones when no codes are
 * given) for the nation and each region; returns how many snapshots changed level.
 */
export async function refreshStatusSnapshots(
  db: Kysely<Database>,
  args: { asOf: IsoDate; codes?: string[] },
): Promise<{ evaluated: number; changed: number }> {
  const programs = await loadProgramDefinitions(db);
  const wanted = args.codes ? new Set(args.codes) : null;
  let evaluated = 0;
  let changed = 0;
  for (const program of programs) {
    for (const indicator of program.indicators) {
      if (wanted && !wanted.has(indicator.code)) continue;
      // One refresh of an indicator at a time: the last to take the lock reads the latest
      // figures, so an older read can never overwrite a newer snapshot.
      const one = await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`status:${indicator.code}`}))`.execute(
          trx,
        );
        const observations = await listObservationsForIndicators(trx, [indicator.code]);
        const figures = observations.map((o) => ({
          period: o.period,
          region: o.region_code,
          value: o.value,
        }));
        const rows = regionsOf(program, indicator).map((region) => {
          const { status } = evaluateIndicator({
            program,
            indicator,
            figures,
            region,
            asOf: args.asOf,
          });
          return {
            indicator_code: indicator.code,
            region_code: region,
            as_of: args.asOf,
            current_level: status.current.level,
            trajectory_level: status.trajectory.level,
            status: JSON.stringify(status),
            computed_at: new Date(),
          };
        });
        return { changed: await upsertSnapshots(trx, rows), evaluated: rows.length };
      });
      changed += one.changed;
      evaluated += one.evaluated;
    }
  }
  return { evaluated, changed };
}

async function upsertSnapshots(
  db: Conn,
  rows: {
    indicator_code: string;
    region_code: string;
    as_of: string;
    current_level: string;
    trajectory_level: string;
    status: string;
    computed_at: Date;
  }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const before = await db
    .selectFrom("status_snapshots")
    .select(["region_code", "current_level", "trajectory_level"])
    .where("indicator_code", "=", rows[0]?.indicator_code ?? "")
    .execute();
  const previous = new Map(before.map((b) => [b.region_code, b]));
  await db
    .insertInto("status_snapshots")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["indicator_code", "region_code"]).doUpdateSet((eb) => ({
        as_of: eb.ref("excluded.as_of"),
        current_level: eb.ref("excluded.current_level"),
        trajectory_level: eb.ref("excluded.trajectory_level"),
        status: eb.ref("excluded.status"),
        computed_at: eb.ref("excluded.computed_at"),
      })),
    )
    .execute();
  return rows.filter((r) => {
    const p = previous.get(r.region_code);
    return !p || p.current_level !== r.current_level || p.trajectory_level !== r.trajectory_level;
  }).length;
}

export interface FigureOverlay {
  indicator: string;
  region: string;
  period: string;
  value: number;
}

export interface StatusChange {
  indicator: string;
  region: string;
  current: { from: string | null; to: string };
  trajectory: { from: string | null; to: string };
}

/**
 * The statuses that differ from the stored snapshots for the given indicators and regions (the
 * nation always included). With an overlay (a dry run), `from` is the status of today's
 * figures and `to` the status once the overlay's figures are added; nothing is written.
 */
export async function computeStatusChanges(
  db: Conn,
  args: {
    pairs: readonly { indicator: string; region: string }[];
    asOf: IsoDate;
    overlay?: FigureOverlay[];
  },
): Promise<StatusChange[]> {
  const programs = await loadProgramDefinitions(db);
  const codes = [...new Set(args.pairs.map((p) => p.indicator))];
  const changes: StatusChange[] = [];
  for (const program of programs) {
    for (const indicator of program.indicators.filter((i) => codes.includes(i.code))) {
      const stored = (await listObservationsForIndicators(db, [indicator.code])).map((o) => ({
        period: o.period,
        region: o.region_code,
        value: o.value,
      }));
      const overlay = (args.overlay ?? []).filter((o) => o.indicator === indicator.code);
      const replaced = new Set(overlay.map((o) => `${o.region}|${o.period}`));
      const after = [...stored.filter((f) => !replaced.has(`${f.region}|${f.period}`)), ...overlay];
      const regions = new Set([
        program.nation.code,
        ...args.pairs.filter((p) => p.indicator === indicator.code).map((p) => p.region),
      ]);
      const snapshots = args.overlay
        ? null
        : await db
            .selectFrom("status_snapshots")
            .select(["region_code", "current_level", "trajectory_level"])
            .where("indicator_code", "=", indicator.code)
            .execute();
      for (const region of regions) {
        const evaluate = (figures: typeof stored) =>
          evaluateIndicator({ program, indicator, figures, region, asOf: args.asOf }).status;
        const to = evaluate(after);
        const before = snapshots
          ? snapshots.find((s) => s.region_code === region)
          : (() => {
              const s = evaluate(stored);
              return { current_level: s.current.level, trajectory_level: s.trajectory.level };
            })();
        const from = {
          current: before?.current_level ?? null,
          trajectory: before?.trajectory_level ?? null,
        };
        if (from.current !== to.current.level || from.trajectory !== to.trajectory.level) {
          changes.push({
            indicator: indicator.code,
            region,
            current: { from: from.current, to: to.current.level },
            trajectory: { from: from.trajectory, to: to.trajectory.level },
          });
        }
      }
    }
  }
  return changes;
}
