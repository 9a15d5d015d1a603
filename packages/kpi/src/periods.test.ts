import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalPeriod,
  comparePeriods,
  elapsedYearShare,
  formatPeriod,
  isPeriodDue,
  type Period,
  parsePeriod,
  periodDueDate,
  periodEnd,
  periodStart,
  periodYear,
} from "./periods";

describe("parsePeriod", () => {
  it.each([
    ["2018", { frequency: "yearly", year: 2018 }],
    [2018, { frequency: "yearly", year: 2018 }],
    ["2018Q1", { frequency: "quarterly", year: 2018, quarter: 1 }],
    ["2018-Q4", { frequency: "quarterly", year: 2018, quarter: 4 }],
    ["2018q2", { frequency: "quarterly", year: 2018, quarter: 2 }],
    ["201803", { frequency: "monthly", year: 2018, month: 3 }],
    ["2018-12", { frequency: "monthly", year: 2018, month: 12 }],
    [" 2019-01 ", { frequency: "monthly", year: 2019, month: 1 }],
  ])("reads %s", (text, period) => {
    expect(parsePeriod(text)).toEqual({ ok: true, period });
  });

  it.each([
    ["", "period_missing"],
    ["   ", "period_missing"],
    ["2018Q0", "period_quarter_invalid"],
    ["2018Q5", "period_quarter_invalid"],
    ["2018-Q9", "period_quarter_invalid"],
    ["201800", "period_month_invalid"],
    ["2018-13", "period_month_invalid"],
    ["18", "period_invalid"],
    ["2018-3", "period_invalid"],
    ["2018Q01", "period_invalid"],
    ["0999", "period_invalid"],
    ["2018.0", "period_invalid"],
    ["Q1 2018", "period_invalid"],
    ["2018/03", "period_invalid"],
  ])("rejects %j with %s", (text, code) => {
    expect(parsePeriod(text)).toEqual({ ok: false, code });
  });

  it.each([
    ["2018", "2018"],
    ["2018-Q1", "2018Q1"],
    ["2018q3", "2018Q3"],
    ["2018-03", "201803"],
    ["201811", "201811"],
    ["2018Q7", null],
  ])("canonical form of %s is %s", (text, canonical) => {
    expect(canonicalPeriod(text)).toBe(canonical);
  });
});

describe("period dates", () => {
  const q = (year: number, quarter: number): Period => ({ frequency: "quarterly", year, quarter });
  const m = (year: number, month: number): Period => ({ frequency: "monthly", year, month });
  const y = (year: number): Period => ({ frequency: "yearly", year });

  it.each([
    [y(2018), "2018-01-01", "2018-12-31"],
    [q(2018, 1), "2018-01-01", "2018-03-31"],
    [q(2018, 2), "2018-04-01", "2018-06-30"],
    [q(2018, 3), "2018-07-01", "2018-09-30"],
    [q(2018, 4), "2018-10-01", "2018-12-31"],
    [m(2020, 2), "2020-02-01", "2020-02-29"],
    [m(2019, 2), "2019-02-01", "2019-02-28"],
    [m(2018, 4), "2018-04-01", "2018-04-30"],
  ])("%j runs from %s to %s", (period, start, end) => {
    expect(periodStart(period)).toBe(start);
    expect(periodEnd(period)).toBe(end);
  });

  it.each([
    [y(2018), 45, "2019-02-14"],
    [y(2018), 0, "2018-12-31"],
    [q(2019, 1), 30, "2019-04-30"],
    [m(2020, 1), 29, "2020-02-29"],
    [y(2020), 90, "2021-03-31"],
  ])("%j with dueDays %i is due on %s", (period, dueDays, due) => {
    expect(periodDueDate(period, dueDays)).toBe(due);
  });

  it("is due from its due date on, inclusive", () => {
    expect(isPeriodDue(y(2018), 45, "2019-02-13")).toBe(false);
    expect(isPeriodDue(y(2018), 45, "2019-02-14")).toBe(true);
    expect(isPeriodDue(y(2018), 45, "2019-02-15")).toBe(true);
  });

  it.each([
    [2018, "2017-12-31", 0],
    [2018, "2018-01-01", 1 / 365],
    [2018, "2018-07-02", 183 / 365],
    [2018, "2018-12-31", 1],
    [2020, "2020-02-29", 60 / 366],
    [2020, "2020-12-30", 365 / 366],
    [2018, "2019-01-01", 1],
  ])("elapsed share of %i at %s is %d", (year, asOf, share) => {
    expect(elapsedYearShare(year, asOf)).toBeCloseTo(share, 12);
  });

  it("orders periods by start, a year before its first quarter", () => {
    const sorted = [q(2018, 2), m(2018, 1), y(2018), q(2017, 4)].sort(comparePeriods);
    expect(sorted.map(formatPeriod)).toEqual(["2017Q4", "2018", "201801", "2018Q2"]);
    expect(periodYear(q(2021, 3))).toBe(2021);
  });
});

const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.record({
    frequency: fc.constant("yearly" as const),
    year: fc.integer({ min: 1000, max: 9999 }),
  }),
  fc.record({
    frequency: fc.constant("quarterly" as const),
    year: fc.integer({ min: 1000, max: 9999 }),
    quarter: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    frequency: fc.constant("monthly" as const),
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
  }),
);

describe("period properties", () => {
  it("parse(format(period)) returns the period", () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        expect(parsePeriod(formatPeriod(period))).toEqual({ ok: true, period });
      }),
      { numRuns: 300 },
    );
  });

  it("the hyphenated syntax reads the same period", () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        const text = formatPeriod(period);
        const hyphenated =
          period.frequency === "yearly" ? text : `${text.slice(0, 4)}-${text.slice(4)}`;
        expect(parsePeriod(hyphenated)).toEqual({ ok: true, period });
      }),
      { numRuns: 200 },
    );
  });

  it("a period ends before the next one starts, and both lie in its year", () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        expect(periodStart(period) <= periodEnd(period)).toBe(true);
        expect(periodStart(period).slice(0, 4)).toBe(String(period.year));
        expect(periodEnd(period).slice(0, 4)).toBe(String(period.year));
      }),
      { numRuns: 200 },
    );
  });
});

describe("DHIS2 period types that are not kept", () => {
  it.each([
    ["20180304", "Daily"],
    ["2018-03-04", "Daily"],
    ["2018W10", "Weekly"],
    ["2018W1", "Weekly"],
    ["2018W01", "Weekly"],
    ["2018-W53", "Weekly"],
    ["2018WedW1", "WeeklyWednesday"],
    ["2018ThuW5", "WeeklyThursday"],
    ["2018SatW52", "WeeklySaturday"],
    ["2018SunW3", "WeeklySunday"],
    ["2018BiW1", "BiWeekly"],
    ["201801B", "BiMonthly"],
    ["2018NovQ1", "QuarterlyNov"],
    ["2018S1", "SixMonthly"],
    ["2018S2", "SixMonthly"],
    ["2018AprilS1", "SixMonthlyApril"],
    ["2018NovS2", "SixMonthlyNov"],
    ["2018April", "FinancialApril"],
    ["2018July", "FinancialJuly"],
    ["2018Sep", "FinancialSep"],
    ["2018Oct", "FinancialOct"],
    ["2018Nov", "FinancialNov"],
    ["2018-03-05/P7D", "ISO8601Interval"],
    ["2018-04-01/P1Y", "ISO8601Interval"],
  ])("rejects %s naming the type %s", (text, type) => {
    expect(parsePeriod(text)).toEqual({ ok: false, code: "period_type_unsupported", type });
  });

  it.each(["2018X1", "2018Apr", "2018BiM1", "2018-3-4", "W10", "2018-W"])(
    "%s is no period of any type",
    (text) => {
      expect(parsePeriod(text)).toEqual({ ok: false, code: "period_invalid" });
    },
  );
});
