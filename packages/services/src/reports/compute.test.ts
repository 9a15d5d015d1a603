import { describe, expect, it } from "vitest";
import {
  nextReportRun,
  type ReportLevels,
  reportAsOf,
  scheduledReportYear,
  summariseYear,
} from "./compute";

const level = (over: Partial<ReportLevels> & Pick<ReportLevels, "code">): ReportLevels => ({
  direction: "D1",
  level: "green",
  previous: "green",
  trajectory: "on_track",
  ...over,
});

describe("summariseYear", () => {
  const summary = summariseYear(
    ["D1", "D2", "D3"],
    [
      level({ code: "A" }),
      level({ code: "B", level: "red", previous: "amber" }),
      level({ code: "C", direction: "D2", level: "green", previous: "overdue" }),
      level({
        code: "D",
        direction: "D2",
        level: "amber",
        previous: "amber",
        trajectory: "off_track",
      }),
      level({ code: "E", direction: "D2", level: "overdue", previous: null }),
    ],
  );

  it("counts each direction's levels in the programme's order, every level present", () => {
    expect(summary.directions.map((d) => d.code)).toEqual(["D1", "D2", "D3"]);
    expect(summary.directions[0]?.counts).toEqual({
      none: 0,
      green: 1,
      grey: 0,
      amber: 0,
      overdue: 0,
      red: 1,
    });
    expect(Object.values(summary.directions[2]?.counts ?? {}).every((n) => n === 0)).toBe(true);
  });

  it("lists the levels changed since the previous year, saying which got worse", () => {
    expect(summary.changes).toEqual([
      { code: "B", from: "amber", to: "red", worse: true },
      { code: "C", from: "overdue", to: "green", worse: false },
    ]);
  });

  it("calls red, overdue and off-track indicators far behind", () => {
    expect(summary.farBehind).toEqual(["B", "D", "E"]);
  });
});

describe("reportAsOf", () => {
  it.each([
    [2020, "2026-12-07", "2020-12-31"],
    [2026, "2026-12-07", "2026-12-07"],
    [2026, "2026-12-31", "2026-12-31"],
  ])("year %i on %s is as of %s", (year, today, asOf) => {
    expect(reportAsOf(year, today)).toBe(asOf);
  });
});

describe("nextReportRun", () => {
  it.each([
    ["monthly", "2026-12-07T10:00:00Z", "2027-01-01T06:00:00.000Z"],
    ["monthly", "2026-03-01T05:59:00Z", "2026-03-01T06:00:00.000Z"],
    ["monthly", "2026-03-01T06:00:00Z", "2026-04-01T06:00:00.000Z"],
    ["quarterly", "2026-02-15T00:00:00Z", "2026-04-01T06:00:00.000Z"],
    ["quarterly", "2026-04-01T06:00:00Z", "2026-07-01T06:00:00.000Z"],
    ["quarterly", "2026-11-30T23:00:00Z", "2027-01-01T06:00:00.000Z"],
  ] as const)("%s after %s is %s", (frequency, after, next) => {
    expect(nextReportRun(frequency, new Date(after)).toISOString()).toBe(next);
  });
});

describe("scheduledReportYear", () => {
  it.each([
    ["2020-05-01", 2020],
    ["2026-12-07", 2022],
    ["2016-01-01", 2018],
  ])("on %s is %i", (today, year) => {
    expect(scheduledReportYear({ start: 2018, end: 2022 }, today)).toBe(year);
  });
});
