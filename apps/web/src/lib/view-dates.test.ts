import { describe, expect, it } from "vitest";
import { readPageDates } from "./view-dates";

const today = "2026-12-07";

describe("readPageDates", () => {
  it.each([
    [{}, { asOf: today, reportedOn: null, problem: null }],
    [{ year: 2020 }, { asOf: "2020-12-31", reportedOn: null, problem: null }],
    [
      { year: 2020, asOf: "2020-06-30" },
      { asOf: "2020-06-30", reportedOn: null, problem: null },
    ],
    [
      { reportedOn: ["2021-03-01"] },
      { asOf: "2021-03-01", reportedOn: "2021-03-01", problem: null },
    ],
    [
      { asOf: "2020-02-30" },
      { asOf: today, reportedOn: null, problem: { field: "asOf", code: "date_invalid" } },
    ],
    [
      { asOf: "2016-01-01", reportedOn: "2021-03-01" },
      {
        asOf: "2021-03-01",
        reportedOn: "2021-03-01",
        problem: { field: "asOf", code: "date_before_program", earliest: "2018-01-01" },
      },
    ],
    [
      { reportedOn: "2010-05-05" },
      {
        asOf: today,
        reportedOn: null,
        problem: { field: "reportedOn", code: "date_before_program", earliest: "2018-01-01" },
      },
    ],
  ])("%o reads as %o", (raw, expected) => {
    expect(readPageDates(raw, 2018, today)).toEqual(expected);
  });
});
