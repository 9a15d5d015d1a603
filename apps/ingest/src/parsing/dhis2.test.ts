import { describe, expect, test } from "vitest";
import { aliasesOf, parseAll } from "./test-support";
import type { ParsedRow } from "./types";

const HEADER =
  "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted";
const DE = "f7n9E0hX8qk";
const MALE = "Prlt0C1RF0s";
const FEMALE = "V6L425pT3A0";
const OTHER = "hEFKSsPV5et";
const DEFAULT = "HllvX50cXC0";
// Sex disaggregated into two indicators; a second element mapped without a combo (the default).
const ALIASES = aliasesOf(
  { [DE]: { [MALE]: "CASES_M", [FEMALE]: "CASES_F" }, a1234567890: { "": "HQ_READINESS" } },
  { ImspTQPwCqd: "KZ", DiszpKrYNg8: "KZ-ALA" },
  ["bRowv6yZOF2"],
);

// A row as [row, indicator, region] or [row, code, params] for the table.
function shown(rows: ParsedRow[]) {
  return rows.map((r) =>
    "error" in r ? [r.row, r.error.code, r.error.params] : [r.row, r.raw.indicator, r.raw.region],
  );
}

async function rowsOf(lines: string[]) {
  return (await parseAll([HEADER, ...lines].join("\n"), "dhis2.csv", { aliases: ALIASES })).rows;
}

describe("DHIS2 ids through the programme's mapping", () => {
  test.each<[string, string, unknown[]]>([
    ["a data element and combo", `${DE},2018,DiszpKrYNg8,${MALE},,5,,,,,`, ["CASES_M", "KZ-ALA"]],
    ["its other combo", `${DE},2018,DiszpKrYNg8,${FEMALE},,5,,,,,`, ["CASES_F", "KZ-ALA"]],
    [
      "a mapping without a combo, combo left out",
      "a1234567890,2018,ImspTQPwCqd,,,5,,,,,",
      ["HQ_READINESS", "KZ"],
    ],
    [
      "the default combo by its UID",
      `a1234567890,2018,ImspTQPwCqd,${DEFAULT},${DEFAULT},5,,,,,`,
      ["HQ_READINESS", "KZ"],
    ],
    [
      "the default combo by name",
      "a1234567890,2018,ImspTQPwCqd,default,default,5,,,,,",
      ["HQ_READINESS", "KZ"],
    ],
    [
      "a programme's own default combo",
      "a1234567890,2018,ImspTQPwCqd,bRowv6yZOF2,,5,,,,,",
      ["HQ_READINESS", "KZ"],
    ],
    ["our own codes", `HQ_READINESS,2018,KZ-ALA,${DEFAULT},,5,,,,,`, ["HQ_READINESS", "KZ-ALA"]],
    [
      "an unknown element, default combo (unknown_indicator later)",
      "zzzzzzzzzzz,2018,Xyz12345678,,,5,,,,,",
      ["zzzzzzzzzzz", "Xyz12345678"],
    ],
  ])("reads %s", async (_name, line, expected) => {
    expect(shown(await rowsOf([line]))).toEqual([[2, ...expected]]);
  });

  test.each<[string, string, object]>([
    [
      "an element mapped only with other combos",
      `${DE},2018,DiszpKrYNg8,${OTHER},,5,,,,,`,
      { dataElement: DE, categoryOptionCombo: OTHER, attributeOptionCombo: "" },
    ],
    [
      "a mapped element with the default combo",
      `${DE},2018,DiszpKrYNg8,${DEFAULT},,5,,,,,`,
      { dataElement: DE, categoryOptionCombo: DEFAULT, attributeOptionCombo: "" },
    ],
    [
      "a non-default attribute combo",
      `${DE},2018,DiszpKrYNg8,${MALE},${OTHER},5,,,,,`,
      { dataElement: DE, categoryOptionCombo: MALE, attributeOptionCombo: OTHER },
    ],
    [
      "our code with a non-default combo",
      `HQ_READINESS,2018,KZ,${OTHER},,5,,,,,`,
      { dataElement: "HQ_READINESS", categoryOptionCombo: OTHER, attributeOptionCombo: "" },
    ],
  ])("rejects %s with unmapped_combo", async (_name, line, params) => {
    const rows = await rowsOf([line]);
    expect(shown(rows)).toEqual([[2, "unmapped_combo", params]]);
    const [row] = rows;
    expect(row && "error" in row && [row.error.field, row.error.message]).toEqual([
      "indicator",
      expect.stringContaining(
        `Data element ${params && (params as { dataElement: string }).dataElement}`,
      ),
    ]);
  });

  test("two disaggregated values of one element and period are two figures, not duplicates", async () => {
    const rows = await rowsOf([
      `${DE},2018,DiszpKrYNg8,${MALE},,5,,,,,`,
      `${DE},2018,DiszpKrYNg8,${FEMALE},,7,,,,,`,
    ]);
    expect(rows.map((r) => "raw" in r && [r.raw.indicator, r.raw.value])).toEqual([
      ["CASES_M", "5"],
      ["CASES_F", "7"],
    ]);
  });
});

describe("DHIS2 rows", () => {
  test.each([["true"], ["TRUE"], [" True "]])(
    "a value marked deleted (%j) is rejected with deleted_in_source, its cells kept",
    async (mark) => {
      const rows = await rowsOf([`${DE},2018,DiszpKrYNg8,${MALE},,5,admin,,gone,false,${mark}`]);
      expect(rows).toEqual([
        {
          row: 2,
          given: {
            indicator: "CASES_M",
            period: "2018",
            region: "KZ-ALA",
            value: "5",
            note: "gone",
          },
          error: {
            field: "row",
            code: "deleted_in_source",
            params: {},
            message: "The value is marked deleted in the source system; nothing is stored for it.",
          },
        },
      ]);
    },
  );

  test("every row counts once: data, deleted, unmapped and blank lines keep their numbers", async () => {
    const rows = await rowsOf([
      `${DE},2018,DiszpKrYNg8,${MALE},,5,,,,,false`,
      `${DE},2019,DiszpKrYNg8,${MALE},,6,,,,,true`,
      "",
      `${DE},2019,DiszpKrYNg8,${OTHER},,6,,,,,`,
    ]);
    expect(rows.map((r) => [r.row, "error" in r ? r.error.code : "ok"])).toEqual([
      [2, "ok"],
      [3, "deleted_in_source"],
      [5, "unmapped_combo"],
    ]);
  });

  test("rows shorter than the header are read with the missing cells empty; longer ones are malformed", async () => {
    const rows = await rowsOf([
      `${DE},2018,DiszpKrYNg8,${MALE},,5`,
      `${DE},2019,DiszpKrYNg8,${MALE},,6,admin,2020-01-01,note`,
      `${DE},2020,DiszpKrYNg8,${MALE},,7,,,,,false,extra`,
      "a1234567890,2021,ImspTQPwCqd",
    ]);
    expect(rows).toEqual([
      {
        row: 2,
        raw: { indicator: "CASES_M", period: "2018", region: "KZ-ALA", value: "5", note: "" },
      },
      {
        row: 3,
        raw: { indicator: "CASES_M", period: "2019", region: "KZ-ALA", value: "6", note: "note" },
      },
      {
        row: 4,
        error: expect.objectContaining({
          code: "row_malformed",
          params: { expected: 11, actual: 12 },
        }),
      },
      {
        row: 5,
        raw: { indicator: "HQ_READINESS", period: "2021", region: "KZ", value: "", note: "" },
      },
    ]);
  });

  test.each([
    [
      "every field quoted, no final newline",
      `"dataelement","period","orgunit","catoptcombo","attroptcombo","value","storedby","lastupdated","comment","followup","deleted"\n"${DE}","201803","DiszpKrYNg8","${FEMALE}","${DEFAULT}","12","admin","2018-04-01T10:00:00.000+0000","","false","false"`,
    ],
    [
      "a timestamp column (older exports)",
      `dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,timestamp,comment,followup\n${DE},201803,DiszpKrYNg8,${FEMALE},,12,admin,2018-04-01,,false\n`,
    ],
    [
      "without combo columns, short rows",
      `dataElement,period,orgUnit,value,comment\n${DE},201803,DiszpKrYNg8\n`,
    ],
  ])("reads %s", async (name, text) => {
    const { upload, rows } = await parseAll(text, "dhis2.csv", { aliases: ALIASES });
    expect(upload.format).toBe("dhis2");
    expect(upload.warnings).toEqual([]);
    if (name.startsWith("without")) {
      // No combo column: the default combo, which the element is not mapped with.
      expect(shown(rows)).toEqual([
        [
          2,
          "unmapped_combo",
          { dataElement: DE, categoryOptionCombo: "", attributeOptionCombo: "" },
        ],
      ]);
    } else {
      expect(shown(rows)).toEqual([[2, "CASES_F", "KZ-ALA"]]);
    }
  });

  test("without any mapping, our codes with the default combo pass through", async () => {
    const { rows } = await parseAll(
      `${HEADER}\nHQ,2018,KZ-ALA,${DEFAULT},${DEFAULT},1,u,t,,false,false\n`,
    );
    expect(rows).toEqual([
      { row: 2, raw: { indicator: "HQ", period: "2018", region: "KZ-ALA", value: "1", note: "" } },
    ]);
  });
});
