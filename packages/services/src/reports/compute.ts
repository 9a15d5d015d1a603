// The annual report's pure half: what the summary says of a programme's year, from the statuses
// the read model holds at that year's end and the previous one's.
import {
  CURRENT_LEVELS,
  type CurrentLevel,
  countLevels,
  type IsoDate,
  levelSeverity,
} from "@spm/kpi";

/** The statuses of one indicator the summary reads: this year's and the previous year's level. */
export interface ReportLevels {
  code: string;
  direction: string;
  level: CurrentLevel;
  previous: CurrentLevel | null;
  trajectory: string;
}

export interface DirectionSummary {
  code: string;
  /** How many indicators of the direction have each level, every level present. */
  counts: Record<CurrentLevel, number>;
}

export interface LevelChange {
  code: string;
  from: CurrentLevel;
  to: CurrentLevel;
  /** True when the new level is worse than the old one. */
  worse: boolean;
}

export interface ReportSummary {
  directions: DirectionSummary[];
  changes: LevelChange[];
  /** Indicators red or overdue at the year's end, or off track for the final target. */
  farBehind: string[];
}

// Far behind: the two worst current levels, or a trajectory that will not reach the target.
const FAR_BEHIND = new Set<string>(["red", "overdue"]);

/** Counts per direction (in the programme's order), the levels changed since last year, the far behind. */
export function summariseYear(
  directions: readonly string[],
  levels: readonly ReportLevels[],
): ReportSummary {
  return {
    directions: directions.map((code) => ({
      code,
      counts: countLevels(
        CURRENT_LEVELS,
        levels.filter((l) => l.direction === code).map((l) => l.level),
      ) as Record<CurrentLevel, number>,
    })),
    changes: levels.flatMap((l) =>
      l.previous === null || l.previous === l.level
        ? []
        : [
            {
              code: l.code,
              from: l.previous,
              to: l.level,
              worse: levelSeverity(l.level) > levelSeverity(l.previous),
            },
          ],
    ),
    farBehind: levels
      .filter((l) => FAR_BEHIND.has(l.level) || l.trajectory === "off_track")
      .map((l) => l.code),
  };
}

/** The day a year's report is as of: its last day, or today while the year runs. */
export function reportAsOf(year: number, today: IsoDate): IsoDate {
  const end = `${year}-12-31` as IsoDate;
  return end < today ? end : today;
}

export const REPORT_FREQUENCIES = ["monthly", "quarterly"] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

// Scheduled reports go out early on the first day of a month or quarter (UTC): the figures of the
// period just ended have had a night's status refresh.
const SEND_HOUR_UTC = 6;

/** The first send time of a schedule strictly after `after`: the next month's or quarter's first day. */
export function nextReportRun(frequency: ReportFrequency, after: Date): Date {
  const step = frequency === "monthly" ? 1 : 3;
  const month = after.getUTCMonth();
  let start = frequency === "monthly" ? month : month - (month % 3);
  for (;;) {
    const at = new Date(Date.UTC(after.getUTCFullYear(), start, 1, SEND_HOUR_UTC));
    if (at > after) return at;
    start += step;
  }
}

/** The programme year a scheduled report covers: the running one, within the programme's years. */
export function scheduledReportYear(years: { start: number; end: number }, today: IsoDate): number {
  return Math.min(years.end, Math.max(years.start, Number(today.slice(0, 4))));
}
