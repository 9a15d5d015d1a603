/**
 * Completeness of a programme's reporting for one year (DESIGN "Data collection"): per place and
 * per agency, the figures expected, due, received, approved, late and overdue. Pure: the caller
 * says which figures are in (and the day each first came) and which units are approved.
 */
import type { IsoDate } from "./dates";
import { formatPeriod, periodDueDate } from "./periods";
import type { ProgramDefinition } from "./program";
import { programmePeriods } from "./reminders";

/** One figure a programme expects for the year: an indicator at a place for a period. */
export interface ExpectedFigure {
  indicator: string;
  region: string;
  period: string;
  dueDate: IsoDate;
  agency: string | null;
}

/** A figure that is in: the day its first revision was recorded, and whether it came with the programme. */
export interface Receipt {
  firstOn: IsoDate;
  /** Loaded with the programme's file (history): never counted late. */
  seeded: boolean;
}

export interface CompletenessCounts {
  /** Figures of the year the programme expects (every period, at every place). */
  expected: number;
  /** Of those, the ones whose due date has come. */
  due: number;
  /** Figures in (of the expected ones). */
  received: number;
  /** Figures in whose year and place are approved. */
  approved: number;
  /** Figures whose first revision came after their due date. */
  late: number;
  /** Due and not in. */
  overdue: number;
}

export interface Completeness {
  total: CompletenessCounts;
  byRegion: { region: string; counts: CompletenessCounts }[];
  /** `agency: null` gathers the indicators that name none. */
  byAgency: { agency: string | null; counts: CompletenessCounts }[];
}

/** The key of a figure in the receipts map. */
export function receiptKey(f: { indicator: string; region: string; period: string }): string {
  return `${f.indicator}|${f.region}|${f.period}`;
}

/**
 * The figures a programme expects for `year`: a national indicator's at the nation, a regional
 * one's at every region (the nation's figure of a regional indicator is optional: it is summed
 * from the regions when absent), for each period of the year.
 */
export function expectedFigures(
  program: Pick<ProgramDefinition, "nation" | "regions" | "indicators">,
  year: number,
): ExpectedFigure[] {
  const out: ExpectedFigure[] = [];
  for (const indicator of program.indicators) {
    const places =
      indicator.disaggregation === "regional"
        ? program.regions.map((r) => r.code)
        : [program.nation.code];
    for (const period of programmePeriods(indicator, { start: year, end: year })) {
      const dueDate = periodDueDate(period, indicator.dueDays);
      for (const region of places) {
        out.push({
          indicator: indicator.code,
          region,
          period: formatPeriod(period),
          dueDate,
          agency: indicator.agency ?? null,
        });
      }
    }
  }
  return out;
}

const zero = (): CompletenessCounts => ({
  expected: 0,
  due: 0,
  received: 0,
  approved: 0,
  late: 0,
  overdue: 0,
});

function add(
  counts: CompletenessCounts,
  f: ExpectedFigure,
  receipt: Receipt | undefined,
  approved: boolean,
  asOf: IsoDate,
) {
  counts.expected++;
  const due = f.dueDate <= asOf;
  if (due) counts.due++;
  if (receipt) {
    counts.received++;
    if (approved) counts.approved++;
    if (!receipt.seeded && receipt.firstOn > f.dueDate) counts.late++;
  } else if (due) counts.overdue++;
}

/** Tallies the expected figures on `asOf` by place and by agency, with totals. */
export function tallyCompleteness(
  expected: readonly ExpectedFigure[],
  receipts: ReadonlyMap<string, Receipt>,
  isApproved: (region: string) => boolean,
  asOf: IsoDate,
): Completeness {
  const total = zero();
  const byRegion = new Map<string, CompletenessCounts>();
  const byAgency = new Map<string | null, CompletenessCounts>();
  for (const f of expected) {
    const receipt = receipts.get(receiptKey(f));
    const approved = isApproved(f.region);
    const region = byRegion.get(f.region) ?? zero();
    const agency = byAgency.get(f.agency) ?? zero();
    byRegion.set(f.region, region);
    byAgency.set(f.agency, agency);
    for (const c of [total, region, agency]) add(c, f, receipt, approved, asOf);
  }
  return {
    total,
    byRegion: [...byRegion].map(([region, counts]) => ({ region, counts })),
    byAgency: [...byAgency].map(([agency, counts]) => ({ agency, counts })),
  };
}
