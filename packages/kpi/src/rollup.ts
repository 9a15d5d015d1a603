/**
 * Roll-ups of statuses over a set of indicators (a direction, a programme, a region): the worst
 * level and the count of each level.
 */
import {
  CURRENT_LEVELS,
  type CurrentLevel,
  type IndicatorStatus,
  type StatusLevelName,
  TRAJECTORY_LEVELS,
  type TrajectoryLevel,
} from "./status-types";

export type StatusLevel = StatusLevelName;

export interface LevelRollup<L extends StatusLevel> {
  level: L | null;
  counts: Record<L, number>;
}

export interface StatusRollup {
  total: number;
  current: LevelRollup<CurrentLevel>;
  trajectory: LevelRollup<TrajectoryLevel>;
}

const SEVERITY = new Map<StatusLevel, number>([
  ...CURRENT_LEVELS.map((level, i) => [level, i] as const),
  ...TRAJECTORY_LEVELS.map((level, i) => [level, i] as const),
]);

/** The severity of a level: its position in its best-to-worst list (higher is worse). */
export function levelSeverity(level: StatusLevel): number {
  return SEVERITY.get(level) ?? 0;
}

/**
 * The worst of a set of levels (current or trajectory), or null for an empty set; `none` and
 * `not_available` count only when every member has them.
 */
export function worstStatus<L extends StatusLevel>(levels: Iterable<L>): L | null {
  let worst: L | null = null;
  for (const level of levels) {
    if (worst === null || levelSeverity(level) > levelSeverity(worst)) worst = level;
  }
  return worst;
}

/** Counts how many members have each level of a level list (every level present, maybe 0). */
export function countLevels<L extends StatusLevel>(
  all: readonly L[],
  levels: Iterable<L>,
): Record<L, number> {
  const counts = Object.fromEntries(all.map((level) => [level, 0])) as Record<L, number>;
  for (const level of levels) counts[level] += 1;
  return counts;
}

/** Rolls up the current and trajectory levels of a set of statuses. */
export function rollupStatuses(
  statuses: readonly Pick<IndicatorStatus, "current" | "trajectory">[],
): StatusRollup {
  const current = statuses.map((s) => s.current.level);
  const trajectory = statuses.map((s) => s.trajectory.level);
  return {
    total: statuses.length,
    current: { level: worstStatus(current), counts: countLevels(CURRENT_LEVELS, current) },
    trajectory: {
      level: worstStatus(trajectory),
      counts: countLevels(TRAJECTORY_LEVELS, trajectory),
    },
  };
}

/** Rolls up statuses per group (e.g. by direction or region code), in first-seen group order. */
export function rollupBy<T>(
  items: readonly T[],
  groupOf: (item: T) => string,
  statusOf: (item: T) => Pick<IndicatorStatus, "current" | "trajectory">,
): Map<string, StatusRollup> {
  const groups = new Map<string, Pick<IndicatorStatus, "current" | "trajectory">[]>();
  for (const item of items) {
    const key = groupOf(item);
    const list = groups.get(key) ?? [];
    list.push(statusOf(item));
    groups.set(key, list);
  }
  return new Map([...groups].map(([key, list]) => [key, rollupStatuses(list)]));
}
