import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { parsePeriod, periodDueDate } from "./periods";
import { nextDuePeriod, periodsCallingForReminders, programmePeriods } from "./reminders";

const program = (frequency: "yearly" | "quarterly" | "monthly", dueDays = 90) => ({
  years: { history: 2015, baseline: 2017, start: 2018, end: 2022 },
  indicators: [{ code: "X", frequency, dueDays } as never],
});

describe("programmePeriods", () => {
  it.each([
    ["yearly", 5, "2018", "2022"],
    ["quarterly", 20, "2018Q1", "2022Q4"],
    ["monthly", 60, "201801", "202212"],
  ] as const)("%s gives %i periods from %s to %s", (frequency, count, first, last) => {
    const periods = programmePeriods({ frequency }, { start: 2018, end: 2022 });
    expect(periods).toHaveLength(count);
    expect(parsePeriod(first)).toEqual({ ok: true, period: periods[0] });
    expect(parsePeriod(last)).toEqual({ ok: true, period: periods.at(-1) });
  });
});

describe("periodsCallingForReminders", () => {
  // 2019 is due on 2020-03-30 (31 December + 90 days).
  it.each([
    ["2020-03-22", []],
    ["2020-03-23", [["2019", "reminder_due"]]],
    ["2020-03-29", [["2019", "reminder_due"]]],
    ["2020-03-30", [["2019", "reminder_overdue"]]],
    ["2020-04-28", [["2019", "reminder_overdue"]]],
    ["2020-04-29", []],
  ])("on %s", (today, expected) => {
    const got = periodsCallingForReminders(program("yearly"), today);
    expect(got.map((r) => [r.period, r.kind])).toEqual(expected);
    for (const r of got) expect(r.dueDate).toBe("2020-03-30");
  });

  it("sends nothing for periods outside the programme years", () => {
    expect(periodsCallingForReminders(program("yearly"), "2024-03-25")).toEqual([]);
    expect(periodsCallingForReminders(program("monthly", 0), "2017-12-31")).toEqual([]);
  });

  it("follows the window sizes it is given", () => {
    const got = periodsCallingForReminders(program("monthly", 15), "2020-06-10", {
      leadDays: 10,
      overdueDays: 60,
    });
    // May is due 15 June (soon); April (15 May) and March (15 April) are overdue.
    expect(got.map((r) => [r.period, r.kind, r.dueDate])).toEqual([
      ["202003", "reminder_overdue", "2020-04-15"],
      ["202004", "reminder_overdue", "2020-05-15"],
      ["202005", "reminder_due", "2020-06-15"],
    ]);
  });

  it("gives every period at most one kind on a day, and each kind for exactly its window", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("yearly", "quarterly", "monthly" as const),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 90 }),
        (frequency, dueDays, offset, leadDays, overdueDays) => {
          const today = addDays("2017-06-01", offset);
          const p = program(frequency, dueDays);
          const got = periodsCallingForReminders(p, today, { leadDays, overdueDays });
          expect(new Set(got.map((r) => r.period)).size).toBe(got.length);
          for (const period of programmePeriods({ frequency }, p.years)) {
            const due = periodDueDate(period, dueDays);
            const soon = due > today && due <= addDays(today, leadDays);
            const overdue = due <= today && due > addDays(today, -overdueDays);
            const found = got.filter(
              (r) => r.dueDate === due && r.kind === (soon ? "reminder_due" : "reminder_overdue"),
            );
            expect(found.length > 0).toBe(soon || overdue);
          }
        },
      ),
    );
  });
});

describe("nextDuePeriod", () => {
  const years = { start: 2018, end: 2022 };
  // 2019 is due on 2020-03-30 (31 December + 90 days); on that day it is overdue.
  it.each([
    ["2018-06-01", "2018", "2019-03-31"],
    ["2020-03-29", "2019", "2020-03-30"],
    ["2020-03-30", "2020", "2021-03-31"],
  ])("yearly on %s owes %s by %s", (today, period, dueDate) => {
    expect(nextDuePeriod({ frequency: "yearly", dueDays: 90 }, years, today)).toEqual({
      period,
      dueDate,
    });
  });

  it("owes nothing once the last period's date has come", () => {
    expect(nextDuePeriod({ frequency: "yearly", dueDays: 90 }, years, "2023-03-31")).toBeNull();
    expect(nextDuePeriod({ frequency: "yearly", dueDays: 90 }, years, "2023-03-30")).toEqual({
      period: "2022",
      dueDate: "2023-03-31",
    });
  });

  it("is the first period not yet due, for every frequency, due delay and day", () => {
    const day = fc.integer({ min: 0, max: 365 * 7 }).map((n) => addDays("2017-06-01", n));
    fc.assert(
      fc.property(
        fc.constantFrom("yearly" as const, "quarterly" as const, "monthly" as const),
        fc.integer({ min: 0, max: 400 }),
        day,
        (frequency, dueDays, today) => {
          const periods = programmePeriods({ frequency }, years);
          const next = nextDuePeriod({ frequency, dueDays }, years, today);
          const firstNotDue = periods.find((p) => periodDueDate(p, dueDays) > today);
          if (!firstNotDue) return next === null;
          const parsed = parsePeriod(next?.period ?? "");
          return (
            parsed.ok &&
            JSON.stringify(parsed.period) === JSON.stringify(firstNotDue) &&
            next?.dueDate === periodDueDate(firstNotDue, dueDays) &&
            periods
              .slice(0, periods.indexOf(firstNotDue))
              .every((p) => periodDueDate(p, dueDays) <= today)
          );
        },
      ),
    );
  });
});
