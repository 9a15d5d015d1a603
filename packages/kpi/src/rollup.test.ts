import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countLevels, levelSeverity, rollupBy, rollupStatuses, worstStatus } from "./rollup";
import {
  CURRENT_LEVELS,
  type CurrentLevel,
  TRAJECTORY_LEVELS,
  type TrajectoryLevel,
} from "./status-types";

const status = (current: CurrentLevel, trajectory: TrajectoryLevel = "not_available") => ({
  current: {
    level: current,
    year: null,
    actual: null,
    target: null,
    baseline: null,
    ratio: null,
    reason: "no_data" as const,
  },
  trajectory: {
    level: trajectory,
    method: "linear" as const,
    projected: null,
    target: null,
    ratio: null,
    reason: "too_few_points" as const,
    progressStatus: null,
    score: null,
    progress: null,
  },
});

describe("worstStatus", () => {
  it.each<[CurrentLevel[], CurrentLevel | null]>([
    [[], null],
    [["green"], "green"],
    [["green", "amber"], "amber"],
    [["amber", "overdue"], "overdue"],
    [["overdue", "red"], "red"],
    [["green", "grey"], "grey"],
    [["grey", "amber"], "amber"],
    [["none", "green"], "green"],
    [["none", "none"], "none"],
    [["red", "none", "green"], "red"],
  ])("current %j → %s", (levels, worst) => {
    expect(worstStatus(levels)).toBe(worst);
  });

  it.each<[TrajectoryLevel[], TrajectoryLevel | null]>([
    [["achieved", "on_track"], "on_track"],
    [["on_track", "acceleration_needed"], "acceleration_needed"],
    [["off_track", "acceleration_needed"], "off_track"],
    [["not_available", "achieved"], "achieved"],
    [["not_available"], "not_available"],
  ])("trajectory %j → %s", (levels, worst) => {
    expect(worstStatus(levels)).toBe(worst);
  });

  it("orders current levels none < green < grey < amber < overdue < red", () => {
    expect([...CURRENT_LEVELS].sort((a, b) => levelSeverity(a) - levelSeverity(b))).toEqual([
      "none",
      "green",
      "grey",
      "amber",
      "overdue",
      "red",
    ]);
  });
});

describe("rollupStatuses", () => {
  it("gives the worst level and counts of every level", () => {
    const rollup = rollupStatuses([
      status("green", "on_track"),
      status("amber", "achieved"),
      status("none"),
      status("green", "off_track"),
    ]);
    expect(rollup).toEqual({
      total: 4,
      current: {
        level: "amber",
        counts: { none: 1, green: 2, grey: 0, amber: 1, overdue: 0, red: 0 },
      },
      trajectory: {
        level: "off_track",
        counts: {
          not_available: 1,
          achieved: 1,
          on_track: 1,
          acceleration_needed: 0,
          off_track: 1,
        },
      },
    });
  });

  it("rolls up per group", () => {
    const items = [
      { direction: "D1", s: status("green") },
      { direction: "D2", s: status("red") },
      { direction: "D1", s: status("overdue") },
    ];
    const groups = rollupBy(
      items,
      (i) => i.direction,
      (i) => i.s,
    );
    expect([...groups.keys()]).toEqual(["D1", "D2"]);
    expect(groups.get("D1")?.current.level).toBe("overdue");
    expect(groups.get("D2")?.current.level).toBe("red");
  });

  it("a programme is never better than its worst indicator", () => {
    const arb = fc.array(
      fc.tuple(fc.constantFrom(...CURRENT_LEVELS), fc.constantFrom(...TRAJECTORY_LEVELS)),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (levels) => {
        const rollup = rollupStatuses(levels.map(([c, t]) => status(c, t)));
        for (const [c, t] of levels) {
          expect(levelSeverity(rollup.current.level ?? "none")).toBeGreaterThanOrEqual(
            levelSeverity(c),
          );
          expect(levelSeverity(rollup.trajectory.level ?? "not_available")).toBeGreaterThanOrEqual(
            levelSeverity(t),
          );
        }
        expect(rollup.current.level === "none").toBe(levels.every(([c]) => c === "none"));
        const counts = countLevels(
          CURRENT_LEVELS,
          levels.map(([c]) => c),
        );
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(levels.length);
      }),
      { numRuns: 300 },
    );
  });
});
