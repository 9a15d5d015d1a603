import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { DEFAULT_ENTRY_WINDOW, entryPeriods, entryPlaces } from "./entry";
import { parsePeriod, periodDueDate } from "./periods";
import { programmePeriods } from "./reminders";

const years = { start: 2018, end: 2022 };

describe("entryPeriods", () => {
  // 2018 is due on 2019-03-31 (31 December + 90 days), 2019 on 2020-03-30, 2020 on 2021-03-31;
  // the default window reaches 45 days ahead and 400 back.
  it.each([
    [
      "2020-02-14",
      [
        ["2019", "due"],
        ["2018", "overdue"],
      ],
    ],
    [
      "2020-03-30",
      [
        ["2019", "overdue"],
        ["2018", "overdue"],
      ],
    ],
    [
      "2021-02-20",
      [
        ["2020", "due"],
        ["2019", "overdue"],
      ],
    ],
    [
      "2021-05-01",
      [
        ["2020", "overdue"],
        ["2019", "overdue"],
      ],
    ],
    ["2021-06-01", [["2020", "overdue"]]],
    ["2023-06-30", [["2022", "overdue"]]],
    ["2024-06-30", []],
  ])("a yearly indicator on %s", (today, expected) => {
    const got = entryPeriods({ frequency: "yearly", dueDays: 90 }, years, today);
    expect(got.map((p) => [p.period, p.state])).toEqual(expected);
  });

  it("asks for the months of the window only, newest first", () => {
    const got = entryPeriods({ frequency: "monthly", dueDays: 15 }, years, "2020-07-01", {
      aheadDays: 20,
      behindDays: 70,
    });
    // May is due on 15 June, June on 15 July; April (15 May) is 47 days back, March (15 April) 77.
    expect(got.map((p) => [p.period, p.dueDate, p.state])).toEqual([
      ["202006", "2020-07-15", "due"],
      ["202005", "2020-06-15", "overdue"],
      ["202004", "2020-05-15", "overdue"],
    ]);
  });

  it("holds exactly the periods whose due date is within the window, every frequency and day", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("yearly" as const, "quarterly" as const, "monthly" as const),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 365 * 7 }).map((n) => addDays("2017-06-01", n)),
        fc.record({ aheadDays: fc.integer({ min: 0, max: 100 }), behindDays: fc.nat(800) }),
        (frequency, dueDays, today, window) => {
          const got = entryPeriods({ frequency, dueDays }, years, today, window);
          const expected = programmePeriods({ frequency }, years).filter((p) => {
            const due = periodDueDate(p, dueDays);
            return (
              due <= addDays(today, window.aheadDays) && due >= addDays(today, -window.behindDays)
            );
          });
          expect(got).toHaveLength(expected.length);
          got.forEach((cell, i) => {
            const period = expected[expected.length - 1 - i];
            expect(parsePeriod(cell.period)).toEqual({ ok: true, period });
            expect(cell.dueDate).toBe(period && periodDueDate(period, dueDays));
            expect(cell.state).toBe(cell.dueDate <= today ? "overdue" : "due");
          });
        },
      ),
    );
  });

  it("has a default window a yearly and a monthly steward can work with", () => {
    expect(DEFAULT_ENTRY_WINDOW.behindDays).toBeGreaterThanOrEqual(365);
    expect(DEFAULT_ENTRY_WINDOW.aheadDays).toBeGreaterThanOrEqual(31);
  });
});

describe("entryPlaces", () => {
  const program = {
    nation: { code: "ZZ", name: { en: "", ru: "", kk: "" } },
    regions: [
      { code: "ZZ-N", name: { en: "", ru: "", kk: "" } },
      { code: "ZZ-S", name: { en: "", ru: "", kk: "" } },
    ],
  };
  it.each([
    ["national", null, ["ZZ"]],
    ["national", ["ZZ-N"], []],
    ["regional", null, ["ZZ", "ZZ-N", "ZZ-S"]],
    ["regional", ["ZZ-S", "XX-1"], ["ZZ-S"]],
    ["regional", [], []],
  ] as const)("%s for regions %j", (disaggregation, regions, expected) => {
    expect(entryPlaces(program, { disaggregation }, regions)).toEqual(expected);
  });
});
