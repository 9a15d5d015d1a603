import { alertRuleSchema } from "@spm/kpi";
import { describe, expect, it } from "vitest";
import { getAlertsMessages } from "~/i18n/alerts";
import { CATALOGUES } from "~/i18n/index";
import { describeCondition, describeScope, localName } from "./describe";

const base = {
  name: "r",
  channels: ["in_app"],
  recipients: { roles: ["manager"] },
} as const;

describe("describeScope and describeCondition", () => {
  it.each([
    [
      { scope: { indicators: "all", regions: "national" }, condition: { kind: "overdue" } },
      "en",
      "all indicators · national figures",
      "figures overdue",
    ],
    [
      {
        scope: { indicators: { direction: "D1" }, regions: "all" },
        condition: { kind: "status_is", levels: ["red", "overdue"] },
        for: 3,
      },
      "en",
      "direction D1 · nation and every region",
      "status is Far behind, Overdue · for 3 evaluations",
    ],
    [
      {
        scope: { indicators: { indicator: "X" }, regions: { region: "KZ-ALA" } },
        condition: { kind: "value_below", value: 1234.5 },
      },
      "ru",
      "показатель X · регион KZ-ALA",
      "значение ниже 1 234,5",
    ],
    [
      {
        scope: { indicators: "all", regions: "all" },
        condition: { kind: "trajectory_is", levels: ["off_track"] },
      },
      "kk",
      "барлық көрсеткіштер · республика және барлық өңірлер",
      "траектория: Кестеден тыс",
    ],
  ] as const)("%j in %s", (patch, locale, scope, condition) => {
    const rule = alertRuleSchema.parse({ ...base, ...patch });
    const t = getAlertsMessages(locale);
    expect(describeScope(rule, t)).toBe(scope);
    expect(describeCondition(rule, t, CATALOGUES[locale], locale).replace(/\u00a0/g, " ")).toBe(
      condition,
    );
  });
});

describe("localName", () => {
  it("falls back from Kazakh to Russian to English to the code", () => {
    expect(localName({ name: { en: "A", ru: "Б", kk: "В" } }, "kk", "X")).toBe("В");
    expect(localName({ name: { en: "A", ru: "Б" } }, "kk", "X")).toBe("Б");
    expect(localName({ name: { en: "A" } }, "ru", "X")).toBe("A");
    expect(localName(undefined, "en", "X")).toBe("X");
  });
});
