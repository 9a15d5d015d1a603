import { describe, expect, it } from "vitest";
import {
  addDays,
  dayOfYear,
  daysInYear,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  toIsoDate,
} from "./dates";

describe("dates", () => {
  it.each([
    ["2020-02-29", true],
    ["2019-02-29", false],
    ["2018-13-01", false],
    ["2018-04-31", false],
    ["2018-1-01", false],
    ["0999-01-01", false],
    ["2018-12-31", true],
  ])("isIsoDate(%s) is %s", (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it("parses with surrounding spaces and reports invalid dates as a code", () => {
    expect(parseIsoDate(" 2018-06-30 ")).toEqual({ ok: true, date: "2018-06-30" });
    expect(parseIsoDate("30.06.2018")).toEqual({ ok: false, code: "date_invalid" });
  });

  it.each([
    ["2018-12-31", 45, "2019-02-14"],
    ["2020-02-28", 1, "2020-02-29"],
    ["2019-02-28", 1, "2019-03-01"],
    ["2018-01-01", -1, "2017-12-31"],
    ["2018-12-31", 0, "2018-12-31"],
    ["2018-12-31", 730, "2020-12-30"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2018-01-01", 1],
    ["2018-12-31", 365],
    ["2020-12-31", 366],
    ["2020-03-01", 61],
    ["2019-03-01", 60],
  ])("dayOfYear(%s) = %i", (date, expected) => {
    expect(dayOfYear(date)).toBe(expected);
  });

  it("knows leap years", () => {
    expect([1900, 2000, 2019, 2020, 2100].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2023)).toBe(365);
  });

  it("formats a UTC Date as its calendar day", () => {
    expect(toIsoDate(new Date(Date.UTC(2021, 0, 31, 23, 59)))).toBe("2021-01-31");
  });

  it("throws on an invalid date given to arithmetic (a programming error)", () => {
    expect(() => addDays("2018-02-30", 1)).toThrow(RangeError);
  });
});
