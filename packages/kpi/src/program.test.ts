import { describe, expect, it } from "vitest";
import { figureSourceIn, plainText, programDefinitionSchema, textIn } from "./program";
import { SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";

type Input = typeof SYNTHETIC_PROGRAM_INPUT;

function withHistory(code: string, history: object[]): Input {
  return {
    ...SYNTHETIC_PROGRAM_INPUT,
    indicators: SYNTHETIC_PROGRAM_INPUT.indicators.map((ind) =>
      ind.code === code ? { ...ind, history } : ind,
    ),
  } as Input;
}

function issues(input: unknown): string[] {
  const result = programDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("programme history periods", () => {
  it("accepts the synthetic programme", () => {
    expect(issues(SYNTHETIC_PROGRAM_INPUT)).toEqual([]);
  });

  it.each([
    ["PCT_UP", "2010", []],
    ["PCT_UP", 2022, []],
    ["SUM_Q", "2017-Q4", []],
    ["MEAN_M", "2016-07", []],
    [
      "PCT_UP",
      "2017Q5",
      ['indicators.0.history.0.period: "2017Q5" is not a period (period_quarter_invalid)'],
    ],
    ["PCT_UP", "17", ['indicators.0.history.0.period: "17" is not a period (period_invalid)']],
    ["PCT_UP", "2009", ["indicators.0.history.0.period: period outside 2010..2022"]],
    ["PCT_UP", "2023", ["indicators.0.history.0.period: period outside 2010..2022"]],
    [
      "PCT_UP",
      "2017Q1",
      ["indicators.0.history.0.period: a yearly indicator needs yearly periods"],
    ],
    [
      "SUM_Q",
      "2017",
      ["indicators.4.history.0.period: a quarterly indicator needs quarterly periods"],
    ],
  ] as const)("%s history period %j", (code, period, expected) => {
    const input = withHistory(code, [{ period, value: 1, source: "test" }]);
    expect(issues(input)).toEqual(expected);
  });

  it("defaults the earliest accepted year to the baseline year", () => {
    const { history: _, ...years } = SYNTHETIC_PROGRAM_INPUT.years;
    const input = { ...withHistory("PCT_UP", [{ period: "2016", value: 1, source: "t" }]), years };
    expect(issues(input)).toEqual(["indicators.0.history.0.period: period outside 2017..2022"]);
  });
});

describe("programme alert rules", () => {
  const rule = {
    key: "red-national",
    name: "Red nationally",
    scope: { indicators: "all", regions: "national" },
    condition: { kind: "status_is", levels: ["red"] },
    channels: ["in_app"],
    recipients: { roles: ["manager"] },
  };
  const withRules = (alertRules: object[]) => ({ ...SYNTHETIC_PROGRAM_INPUT, alertRules });

  it("accepts a rule and applies its defaults", () => {
    const parsed = programDefinitionSchema.parse(withRules([rule]));
    expect(parsed.alertRules[0]).toMatchObject({ key: "red-national", for: 1, sendResolved: true });
  });

  it("defaults to no rules", () => {
    expect(programDefinitionSchema.parse(SYNTHETIC_PROGRAM_INPUT).alertRules).toEqual([]);
  });

  it.each([
    ["a duplicate key", [rule, rule], ['alertRules.1.key: duplicate key "red-national"']],
    [
      "an unknown indicator",
      [{ ...rule, scope: { indicators: { indicator: "NOPE" }, regions: "all" } }],
      ['alertRules.0.scope.indicators: unknown indicator "NOPE"'],
    ],
    [
      "an unknown direction",
      [{ ...rule, scope: { indicators: { direction: "NOPE" }, regions: "all" } }],
      ['alertRules.0.scope.indicators: unknown direction "NOPE"'],
    ],
    [
      "an unknown region",
      [{ ...rule, scope: { indicators: "all", regions: { region: "ZZ-QQ" } } }],
      ['alertRules.0.scope.regions: unknown region "ZZ-QQ"'],
    ],
    [
      "a channel with nobody to reach",
      [{ ...rule, recipients: { addresses: ["a@b.kz"] } }],
      ["alertRules.0.recipients: the in_app channel needs recipients: users or roles"],
    ],
  ])("refuses %s", (_label, rules, expected) => {
    expect(issues(withRules(rules))).toEqual(expected);
  });
});

describe("a programme's free texts", () => {
  const text = { ru: "Статистика МВД", kk: "ІІМ статистикасы", en: "MIA statistics" };
  it("are shown in the reader's language, a plain string as written", () => {
    expect(textIn(text, "kk")).toBe("ІІМ статистикасы");
    expect(textIn("Article, note 32", "ru")).toBe("Article, note 32");
    expect(plainText(text)).toBe("MIA statistics");
  });
  it("match a figure's stored source back to its history point's languages", () => {
    const ind = { history: [{ source: "plain" }, { source: text }] };
    expect(figureSourceIn(ind, "MIA statistics", "ru")).toBe("Статистика МВД");
    expect(figureSourceIn(ind, "uploaded.csv", "ru")).toBe("uploaded.csv");
  });
});
