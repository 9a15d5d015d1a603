import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Unit } from "./program";
import { checkValue, parseValue } from "./values";

const NBSP = "\u00A0";
const NARROW_NBSP = "\u202F";

describe("parseValue reads what people type", () => {
  it.each<[string, Unit, number]>([
    ["92,5", "percent", 92.5],
    ["92.5", "percent", 92.5],
    ["  92,5  ", "percent", 92.5],
    ["92,5%", "percent", 92.5],
    ["92,5 %", "percent", 92.5],
    ["100", "percent", 100],
    ["0", "percent", 0],
    ["700 000", "count", 700000],
    [`700${NBSP}000`, "count", 700000],
    [`700${NARROW_NBSP}000`, "count", 700000],
    ["700,000", "count", 700000],
    ["1,234,567", "count", 1234567],
    ["1.234.567", "count", 1234567],
    ["1.234", "count", 1234],
    ["1.234,5", "number", 1234.5],
    ["1,234.5", "number", 1234.5],
    ["1,234,567.25", "number", 1234567.25],
    ["1.234.567,25", "number", 1234567.25],
    ["1 234 567,25", "number", 1234567.25],
    ["1 234.5", "number", 1234.5],
    ["1.234", "number", 1.234],
    ["0,123", "number", 0.123],
    ["1234,567", "number", 1234.567],
    ["12,3456", "number", 12.3456],
    [",5", "number", 0.5],
    ["-12,5", "number", -12.5],
    ["\u22123", "number", -3],
    ["+7", "number", 7],
    ["-0", "count", 0],
    ["1e3", "number", 1000],
    ["2.5E-3", "number", 0.0025],
    ["007", "count", 7],
  ])("%j as %s is %d", (text, unit, value) => {
    expect(parseValue(text, unit)).toEqual({ ok: true, value });
  });
});

describe("parseValue rejects with a reason", () => {
  it.each<[string, Unit, string]>([
    ["", "number", "value_missing"],
    ["   ", "count", "value_missing"],
    ["abc", "number", "value_not_a_number"],
    ["12abc", "number", "value_not_a_number"],
    ["n/a", "percent", "value_not_a_number"],
    ["-", "number", "value_not_a_number"],
    ["%", "percent", "value_not_a_number"],
    ["1,2,3", "number", "value_not_a_number"],
    ["12 34", "number", "value_not_a_number"],
    ["1 234,567.5", "number", "value_not_a_number"],
    ["1,23,456", "count", "value_not_a_number"],
    ["1.234,5,6", "number", "value_not_a_number"],
    ["5,", "number", "value_not_a_number"],
    ["0 123", "count", "value_not_a_number"],
    ["- 5", "number", "value_not_a_number"],
    ["1,234", "percent", "value_ambiguous"],
    ["1,234", "number", "value_ambiguous"],
    ["700,000", "number", "value_ambiguous"],
    ["-999,999", "number", "value_ambiguous"],
    ["50%", "count", "value_percent_sign_not_allowed"],
    ["50 %", "number", "value_percent_sign_not_allowed"],
    ["100,5", "percent", "value_out_of_range"],
    ["-0,1", "percent", "value_out_of_range"],
    ["-3", "count", "value_out_of_range"],
    ["1,5", "count", "value_not_integer"],
    ["2.75", "count", "value_not_integer"],
    [`1${"0".repeat(400)}`, "number", "value_not_a_number"],
  ])("%j as %s gives %s", (text, unit, code) => {
    const result = parseValue(text, unit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(code);
  });

  it("carries the text as typed and the unit's range in the parameters", () => {
    expect(parseValue(" 150 ", "percent")).toEqual({
      ok: false,
      code: "value_out_of_range",
      params: { value: "150", unit: "percent", range: "0–100" },
    });
    expect(parseValue("1,234", "percent")).toEqual({
      ok: false,
      code: "value_ambiguous",
      params: { value: "1,234" },
    });
  });
});

describe("checkValue (numbers from JSON)", () => {
  it.each<[number, Unit, boolean]>([
    [1.234, "number", true],
    [Number.NaN, "number", false],
    [Number.POSITIVE_INFINITY, "number", false],
    [100, "percent", true],
    [100.01, "percent", false],
    [3, "count", true],
    [3.5, "count", false],
    [-1, "count", false],
    [-1, "number", true],
  ])("%d as %s is ok: %s", (value, unit, ok) => {
    expect(checkValue(value, unit).ok).toBe(ok);
  });
});

// Locales whose number formats the reader supports (de-DE only with decimals: see below).
const LOCALES = ["en-US", "ru-RU", "kk-KZ", "fr-FR", "de-DE"] as const;
const AMBIGUOUS = /^-?[1-9]\d{0,2},\d{3}$/;

describe("parseValue round-trips formatted numbers", () => {
  it("reads back any formatted count exactly, in every locale", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom(...LOCALES),
        (n, locale) => {
          const text = new Intl.NumberFormat(locale).format(n);
          expect(parseValue(text, "count")).toEqual({ ok: true, value: n });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads back decimals, or calls them ambiguous exactly when they look like thousands", () => {
    const arb = fc.tuple(
      fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom(...LOCALES),
      fc.boolean(),
    );
    fc.assert(
      fc.property(arb, ([n, digits, locale, grouping]) => {
        // "1.234" in German means 1234, but a lone point is read as a decimal point (documented).
        fc.pre(!(locale === "de-DE" && digits === 0));
        const value = n / 10 ** digits;
        const options = { minimumFractionDigits: digits, maximumFractionDigits: digits };
        const text = new Intl.NumberFormat(locale, { ...options, useGrouping: grouping }).format(
          value,
        );
        const result = parseValue(text, "number");
        if (AMBIGUOUS.test(text))
          expect(result).toMatchObject({ ok: false, code: "value_ambiguous" });
        else expect(result).toEqual({ ok: true, value: value === 0 ? 0 : value });
      }),
      { numRuns: 500 },
    );
  });

  it("reads back percentages written with a percent sign", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.constantFrom("en-US", "ru-RU", "kk-KZ"),
        (n, locale) => {
          const value = n / 100;
          const text = new Intl.NumberFormat(locale, {
            style: "percent",
            maximumFractionDigits: 2,
          }).format(value / 100);
          expect(parseValue(text, "percent")).toEqual({ ok: true, value });
        },
      ),
      { numRuns: 300 },
    );
  });
});
