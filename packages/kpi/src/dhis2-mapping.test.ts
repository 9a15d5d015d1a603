import { describe, expect, it } from "vitest";
import { buildDhis2Mapping, comboKey, DEFAULT_COMBO } from "./dhis2-mapping";
import { type ProgramDefinition, programDefinitionSchema } from "./program";
import { SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";

const [PCT, CNT] = SYNTHETIC_PROGRAM_INPUT.indicators;
const MALE = "Prlt0C1RF0s";
const FEMALE = "V6L425pT3A0";

function withDhis2(extra: {
  pct?: object[];
  cnt?: object[];
  nation?: string[];
  regions?: (string[] | undefined)[];
  program?: object;
}) {
  return {
    ...SYNTHETIC_PROGRAM_INPUT,
    ...(extra.program ? { dhis2: extra.program } : {}),
    nation: { ...SYNTHETIC_PROGRAM_INPUT.nation, dhis2: extra.nation },
    regions: SYNTHETIC_PROGRAM_INPUT.regions.map((r, i) => ({ ...r, dhis2: extra.regions?.[i] })),
    indicators: SYNTHETIC_PROGRAM_INPUT.indicators.map((ind) =>
      ind === PCT ? { ...ind, dhis2: extra.pct } : ind === CNT ? { ...ind, dhis2: extra.cnt } : ind,
    ),
  };
}

function issues(input: unknown): string[] {
  const result = programDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const UID_MESSAGE = "must be a DHIS2 id: 11 letters or digits, the first a letter";

describe("programme dhis2 fields", () => {
  it("accepts ids on indicators, regions, the nation and the default combo", () => {
    const input = withDhis2({
      pct: [{ dataElement: "f7n9E0hX8qk", categoryOptionCombo: MALE }],
      cnt: [
        { dataElement: "f7n9E0hX8qk", categoryOptionCombo: FEMALE },
        { dataElement: "a1234567890" },
      ],
      nation: ["ImspTQPwCqd"],
      regions: [["DiszpKrYNg8", "O6uvpzGd5pu"]],
      program: { defaultCategoryOptionCombo: "HllvX50cXC0" },
    });
    expect(issues(input)).toEqual([]);
  });

  it.each<[string, Parameters<typeof withDhis2>[0], string[]]>([
    [
      "a short id",
      { pct: [{ dataElement: "f7n9E0hX8q" }] },
      [`indicators.0.dhis2.0.dataElement: ${UID_MESSAGE}`],
    ],
    [
      "an id starting with a digit",
      { nation: ["1mspTQPwCqd"] },
      [`nation.dhis2.0: ${UID_MESSAGE}`],
    ],
    [
      "punctuation in an id",
      { regions: [undefined, ["Diszp-rYNg8"]] },
      [`regions.1.dhis2.0: ${UID_MESSAGE}`],
    ],
    [
      "a bad combo id",
      { pct: [{ dataElement: "f7n9E0hX8qk", categoryOptionCombo: "default" }] },
      [`indicators.0.dhis2.0.categoryOptionCombo: ${UID_MESSAGE}`],
    ],
    [
      "a bad default combo",
      { program: { defaultCategoryOptionCombo: "HllvX50cXC" } },
      [`dhis2.defaultCategoryOptionCombo: ${UID_MESSAGE}`],
    ],
    [
      "an unknown key",
      { pct: [{ dataElement: "f7n9E0hX8qk", orgUnit: "DiszpKrYNg8" }] },
      ['indicators.0.dhis2.0: Unrecognized key: "orgUnit"'],
    ],
    [
      "a data element and combo mapped twice",
      {
        pct: [{ dataElement: "f7n9E0hX8qk", categoryOptionCombo: MALE }],
        cnt: [{ dataElement: "f7n9E0hX8qk", categoryOptionCombo: MALE }],
      },
      [`indicators.1.dhis2.0: f7n9E0hX8qk (${MALE}) is PCT_UP`],
    ],
    [
      "the default combo written and left out",
      {
        pct: [{ dataElement: "f7n9E0hX8qk" }],
        cnt: [{ dataElement: "f7n9E0hX8qk", categoryOptionCombo: "HllvX50cXC0" }],
        program: { defaultCategoryOptionCombo: "HllvX50cXC0" },
      },
      ["indicators.1.dhis2.0: f7n9E0hX8qk (the default combo) is PCT_UP"],
    ],
    [
      "an org unit on two places",
      { nation: ["ImspTQPwCqd"], regions: [undefined, ["ImspTQPwCqd"]] },
      ["regions.1.dhis2.0: org unit ImspTQPwCqd is already KZ"],
    ],
    [
      "an org unit twice on one region",
      { regions: [["DiszpKrYNg8", "DiszpKrYNg8"]] },
      ["regions.0.dhis2.1: org unit DiszpKrYNg8 is already KZ-ALA"],
    ],
  ])("refuses %s, naming its path", (_name, extra, expected) => {
    expect(issues(withDhis2(extra))).toEqual(expected);
  });
});

describe("buildDhis2Mapping", () => {
  const program = programDefinitionSchema.parse(
    withDhis2({
      pct: [{ dataElement: "f7n9E0hX8qk", categoryOptionCombo: MALE }],
      cnt: [
        { dataElement: "f7n9E0hX8qk", categoryOptionCombo: FEMALE },
        { dataElement: "a1234567890" },
      ],
      nation: ["ImspTQPwCqd"],
      regions: [["DiszpKrYNg8"]],
      program: { defaultCategoryOptionCombo: "HllvX50cXC0" },
    }),
  ) as ProgramDefinition;

  it("maps data element and combo to indicators and org units to places", () => {
    const mapping = buildDhis2Mapping([program]);
    expect(mapping.dataElements).toEqual(
      new Map([
        [
          "f7n9E0hX8qk",
          new Map([
            [MALE, "PCT_UP"],
            [FEMALE, "CNT_DOWN"],
          ]),
        ],
        ["a1234567890", new Map([[DEFAULT_COMBO, "CNT_DOWN"]])],
      ]),
    );
    expect(mapping.orgUnits).toEqual(
      new Map([
        ["ImspTQPwCqd", "KZ"],
        ["DiszpKrYNg8", "KZ-ALA"],
      ]),
    );
    expect([...mapping.defaultCombos].sort()).toEqual(["", "HllvX50cXC0", "default"]);
  });

  it("maps nothing for programmes without dhis2 fields", () => {
    const plain = programDefinitionSchema.parse(SYNTHETIC_PROGRAM_INPUT);
    const mapping = buildDhis2Mapping([plain]);
    expect(mapping.dataElements.size + mapping.orgUnits.size).toBe(0);
  });

  it.each([
    ["", DEFAULT_COMBO],
    [" default ", DEFAULT_COMBO],
    ["DEFAULT", DEFAULT_COMBO],
    ["HllvX50cXC0", DEFAULT_COMBO],
    [MALE, MALE],
  ])("reads combo %j as %j", (combo, key) => {
    expect(comboKey(combo, new Set(["", "HllvX50cXC0"]))).toBe(key);
  });
});
