/**
 * "My indicators" (DESIGN.md, "Managing a programme"): what an agency answers for across the
 * loaded programmes — each indicator's current status, whether it is overdue, and its narratives
 * (written, and the years whose level needs one and has none), and the period it owes next.
 */
import {
  type Db,
  listCurrentNarratives,
  listYearsMissingNarratives,
  loadProgramDefinitions,
} from "@spm/db";
import {
  type Agency,
  agenciesOf,
  type DuePeriod,
  type IsoDate,
  type Locale,
  narrativeLevels,
  nextDuePeriod,
} from "@spm/kpi";
import { evaluateIndicatorStatuses } from "../status/run";

export interface AgencyIndicator {
  program: string;
  code: string;
  name: string;
  level: string;
  why: string;
  /** The newest period with a figure, or null. */
  latestPeriod: string | null;
  /** The period owed next and its due date, or null when every period's date has come. */
  due: DuePeriod | null;
  /** Whether that period's national figure is in already (reported early). */
  dueReceived: boolean;
  /** Narratives written (current ones, national and regional, every year). */
  narratives: number;
  /** The years (at any place) whose level needs a narrative and that have none. */
  missingNarratives: { region: string; year: number }[];
}

/** The indicators an agency answers for, with what it owes; empty for an unknown agency. */
export async function agencyIndicators(
  db: Db,
  args: { agency: string; asOf: IsoDate; locale: Locale; mayReadConfidential: boolean },
): Promise<{ agency: Agency | undefined; items: AgencyIndicator[] }> {
  const programs = await loadProgramDefinitions(db);
  const agency = agenciesOf(programs).find((a) => a.code === args.agency);
  const mine = programs.flatMap((program) =>
    program.indicators
      .filter((i) => i.agency === args.agency)
      .map((indicator) => ({ program, indicator })),
  );
  if (!agency || mine.length === 0) return { agency, items: [] };
  const codes = mine.map((m) => m.indicator.code);
  const [views, written] = await Promise.all([
    evaluateIndicatorStatuses(db, {
      asOf: args.asOf,
      codes,
      locale: args.locale,
      mayReadConfidential: args.mayReadConfidential,
    }),
    listCurrentNarratives(db, { indicators: codes }),
  ]);
  const missing = (
    await Promise.all(
      programs.map((program) =>
        listYearsMissingNarratives(db, {
          indicators: mine.filter((m) => m.program === program).map((m) => m.indicator.code),
          levels: narrativeLevels(program),
        }),
      ),
    )
  ).flat();
  const items = mine.map(({ program, indicator }): AgencyIndicator => {
    const view = views.find((v) => v.indicator.code === indicator.code);
    const latestPeriod = view?.latest?.period ?? null;
    const due = nextDuePeriod(indicator, program.years, args.asOf);
    return {
      program: program.code,
      code: indicator.code,
      name: indicator.name[args.locale],
      level: view?.status.current.level ?? "none",
      why: view?.explanation.current ?? "",
      latestPeriod,
      due,
      dueReceived: due !== null && latestPeriod !== null && latestPeriod >= due.period,
      narratives: written.filter((n) => n.indicator === indicator.code).length,
      missingNarratives: missing
        .filter((m) => m.indicator === indicator.code)
        .map((m) => ({ region: m.region, year: m.year })),
    };
  });
  return { agency, items };
}
