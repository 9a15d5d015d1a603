import { describe, expect, it } from "vitest";
import { ROW_ERROR_CODES, type RowError, rowError } from "./errors";
import { LOCALES } from "./program";
import { formatRowError } from "./row-error-messages";

const PARAMS = {
  row: 7,
  indicator: "PCT_UP",
  region: "KZ-ALA",
  nation: "KZ",
  period: "2018Q5",
  expected: "quarterly",
  actual: "yearly",
  from: 2010,
  to: 2022,
  value: "150",
  unit: "percent",
  range: "0–100",
  flag: "final",
  allowed: "estimated, provisional, revised, confidential",
  max: 500,
  type: "Weekly",
  dataElement: "f7n9E0hX8qk",
  categoryOptionCombo: "Prlt0C1RF0s",
};

describe("formatRowError", () => {
  it.each(LOCALES.flatMap((locale) => ROW_ERROR_CODES.map((code) => [locale, code] as const)))(
    "%s message for %s is complete",
    (locale, code) => {
      const text = formatRowError(rowError("source", code, PARAMS), locale);
      expect(text).not.toMatch(/[{}]|—$/);
      expect(text.length).toBeGreaterThan(10);
      if (locale !== "en") expect(text).toMatch(/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
    },
  );

  it.each<[RowError, string, string]>([
    [
      rowError("indicator", "unknown_indicator", { indicator: "X1" }),
      "en",
      "Unknown indicator “X1”.",
    ],
    [
      rowError("indicator", "unknown_indicator", { indicator: "X1" }),
      "ru",
      "Неизвестный индикатор «X1».",
    ],
    [
      rowError("indicator", "unknown_indicator", { indicator: "X1" }),
      "kk",
      "«X1» индикаторы белгісіз.",
    ],
    [
      rowError("period", "period_frequency_mismatch", {
        indicator: "SUM_Q",
        period: "2018",
        expected: "quarterly",
        actual: "yearly",
      }),
      "ru",
      "Индикатор SUM_Q представляется за каждый квартал, а «2018» — это год.",
    ],
    [
      rowError("value", "value_out_of_range", { value: "150", unit: "percent", range: "0–100" }),
      "kk",
      "150 «пайыз» өлшем бірлігі үшін рұқсат етілген ауқымнан тыс (0–100).",
    ],
    [
      rowError("note", "text_too_long", { max: 2000 }),
      "ru",
      "Поле «примечание» длиннее 2000 символов.",
    ],
    [
      rowError("source", "text_too_long", { max: 500 }),
      "en",
      "The source is longer than 500 characters.",
    ],
  ])("%j in %s", (error, locale, expected) => {
    expect(formatRowError(error, locale as "en" | "ru" | "kk")).toBe(expected);
  });

  it("shows a missing parameter as a dash rather than a placeholder", () => {
    expect(formatRowError(rowError("region", "unknown_region"), "en")).toBe("Unknown region “—”.");
  });
});
