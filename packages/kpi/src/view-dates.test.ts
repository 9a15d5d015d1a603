import { describe, expect, it } from "vitest";
import { resolveViewDates } from "./view-dates";

const today = "2026-12-07";
const firstYear = 2018;

describe("resolveViewDates", () => {
  it.each([
    [{}, { asOf: today, reportedOn: null }],
    [{ asOf: "2020-06-30" }, { asOf: "2020-06-30", reportedOn: null }],
    [{ asOf: "2030-01-01" }, { asOf: today, reportedOn: null }],
    [{ reportedOn: "2021-03-01" }, { asOf: "2021-03-01", reportedOn: "2021-03-01" }],
    [
      { asOf: "2020-12-31", reportedOn: "2021-03-01" },
      { asOf: "2020-12-31", reportedOn: "2021-03-01" },
    ],
    [{ reportedOn: today }, { asOf: today, reportedOn: null }],
    [{ reportedOn: "2031-05-05" }, { asOf: today, reportedOn: null }],
    [{ asOf: "2018-01-01" }, { asOf: "2018-01-01", reportedOn: null }],
  ])("%o resolves to %o", (given, dates) => {
    expect(resolveViewDates({ ...given, today, firstYear })).toEqual({ ok: true, dates });
  });

  it.each([
    [{ asOf: "2017-12-31" }, "asOf"],
    [{ reportedOn: "2016-05-01" }, "reportedOn"],
    [{ asOf: "2017-06-30", reportedOn: "2016-05-01" }, "reportedOn"],
  ])("%o is refused on %s: before the programme's first year", (given, field) => {
    expect(resolveViewDates({ ...given, today, firstYear })).toEqual({
      ok: false,
      field,
      code: "date_before_program",
      earliest: "2018-01-01",
    });
  });
});
