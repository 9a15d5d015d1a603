import { describe, expect, it } from "vitest";
import {
  chartLocales,
  formatDateTime,
  formatIsoDate,
  formatRatio,
} from "~/components/indicator/format";
import { formatPeriodName, formatTarget, formatValue } from "./format";

describe("formatValue", () => {
  it.each([
    [1234567.891, "en", "1,234,567.89"],
    [1234567.891, "ru", "1 234 567,89"],
    [1234567.891, "kk", "1 234 567,89"],
    [0.5, "ru", "0,5"],
    [-3, "en", "-3"],
  ] as const)("%d in %s is %s", (value, locale, expected) => {
    // Intl separates thousands with a no-break space in Russian and Kazakh.
    expect(formatValue(value, locale).replace(/\u00a0|\u202f/g, " ")).toBe(expected);
  });
});

describe("formatTarget", () => {
  it("writes a number, a range and an absent target", () => {
    expect(formatTarget(95, "en", "%")).toBe("95%");
    expect(formatTarget([10, 20.5], "ru", "")).toBe("10–20,5");
    expect(formatTarget(null, "kk", "%")).toBe("—");
  });
});

describe("dates and ratios per language", () => {
  it("formats an ISO date without shifting it by the time zone", () => {
    expect(formatIsoDate("2022-12-31", "en")).toBe("31 Dec 2022");
    expect(formatIsoDate("2022-01-01", "ru")).toBe("1 янв. 2022 г.");
  });

  it("formats a ratio as a whole percentage", () => {
    expect(formatRatio(0.954, "en")).toBe("95%");
    expect(formatRatio(0.5, "ru").replace(/\u00a0/g, " ")).toBe("50 %");
  });

  it("formats a moment with date and time", () => {
    expect(formatDateTime("2024-05-01T10:00:00Z", "en")).toMatch(/^1 May 2024, \d{2}:\d{2}$/);
  });

  it("falls back from Kazakh to Russian number formats for charts", () => {
    expect(chartLocales("kk")).toEqual(["kk-KZ", "ru-KZ"]);
    expect(chartLocales("en")).toEqual(["en-GB"]);
  });
});

describe("formatPeriodName", () => {
  it.each([
    ["2026", "ru", "2026"],
    ["2026Q4", "en", "Q4 2026"],
    ["2026Q4", "ru", "4-й квартал 2026 г."],
    ["2026Q1", "kk", "2026 ж. 1-тоқсан"],
    ["202612", "en", "December 2026"],
    ["202612", "ru", "декабрь 2026 г."],
    ["not a period", "en", "not a period"],
  ] as const)("%s in %s is %s", (period, locale, expected) => {
    expect(formatPeriodName(period, locale)).toBe(expected);
  });

  it("names a month in Kazakh", () => {
    expect(formatPeriodName("202612", "kk")).toMatch(/2026/);
    expect(formatPeriodName("202612", "kk")).not.toBe("202612");
  });
});
