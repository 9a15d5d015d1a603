import { describe, expect, it } from "vitest";
import { computeStatus } from "./status";
import { query } from "./test-fixtures";

// CAGR projections and the fall-back to linear.
// Base: percent, increase, baseline 92 (2017), final target 97 (2022), linear.
const COUNT_CAGR = {
  unit: "count",
  trajectory: "cagr",
  baseline: { year: 2017, value: 100 },
  targets: { 2022: 200 },
} as const;
describe("trajectory: cagr", () => {
  it("projects 121 in 2019 from 100 in 2017 at 10% a year: 161.051 in 2022", () => {
    const status = computeStatus(query(COUNT_CAGR, [[2019, 121]], "2020-01-10"));
    expect(status.trajectory).toMatchObject({ level: "acceleration_needed", method: "cagr" });
    expect(status.trajectory.projected).toBeCloseTo(161.051, 9);
    expect(status.trajectory.ratio).toBeCloseTo(0.61051, 9);
    expect(status.inputs.method).toEqual({ configured: "cagr", used: "cagr", fallback: false });
  });

  it("projects 152.5 by the linear method for the same points", () => {
    const status = computeStatus(
      query({ ...COUNT_CAGR, trajectory: "linear" }, [[2019, 121]], "2020-01-10"),
    );
    expect(status.trajectory.projected).toBeCloseTo(152.5, 9);
    expect(status.trajectory.ratio).toBeCloseTo(0.525, 9);
  });

  it("falls back to linear when the baseline is 0", () => {
    const status = computeStatus(
      query(
        { ...COUNT_CAGR, baseline: { year: 2017, value: 0 }, targets: { 2022: 10 } },
        [
          [2018, 2],
          [2019, 4],
        ],
        "2020-01-10",
      ),
    );
    expect(status.trajectory).toMatchObject({
      level: "on_track",
      method: "linear",
      projected: 10,
      ratio: 1,
    });
    expect(status.inputs.method).toEqual({ configured: "cagr", used: "linear", fallback: true });
  });

  it("falls back to linear when the sign changes: -10 to 5 projects 65", () => {
    const indicator = {
      unit: "number",
      trajectory: "cagr",
      baseline: { year: 2017, value: -10 },
      targets: { 2022: 20 },
    } as const;
    const status = computeStatus(query(indicator, [[2018, 5]], "2019-01-10"));
    expect(status.trajectory).toMatchObject({
      level: "on_track",
      method: "linear",
      projected: 65,
      ratio: 2.5,
    });
  });

  it("handles two negative values: -100 to -81 in two years projects -59.049", () => {
    const indicator = {
      unit: "number",
      trajectory: "cagr",
      baseline: { year: 2017, value: -100 },
      targets: { 2022: -50 },
    } as const;
    const status = computeStatus(query(indicator, [[2019, -81]], "2020-01-10"));
    expect(status.trajectory).toMatchObject({ level: "acceleration_needed", method: "cagr" });
    expect(status.trajectory.projected).toBeCloseTo(-59.049, 9);
    expect(status.trajectory.ratio).toBeCloseTo(0.81902, 9);
  });

  it("reports the configured method when nothing is projected", () => {
    const status = computeStatus(query(COUNT_CAGR, [], "2018-06-01"));
    expect(status.trajectory).toMatchObject({ level: "not_available", method: "cagr" });
  });
});
