import { describe, expect, test } from "vitest";
import { adxPeriod } from "./dhis2-xml";
import { aliasesOf, parseAll } from "./test-support";

const DE = "f7n9E0hX8qk";
const ALIASES = aliasesOf({ [DE]: { "": "CASES" } }, { DiszpKrYNg8: "KZ-ALA" });

describe("ADX periods", () => {
  test.each([
    ["2018-01-01/P1Y", "2018"],
    ["2018-04-01/P3M", "2018Q2"],
    ["2018-10-01/P3M", "2018Q4"],
    ["2018-03-01/P1M", "201803"],
    [" 2018-12-01/P1M ", "201812"],
    // Kept as written, for the row check to name (ISO8601Interval) or refuse.
    ["2018-04-01/P1Y", "2018-04-01/P1Y"],
    ["2018-02-01/P3M", "2018-02-01/P3M"],
    ["2018-03-05/P7D", "2018-03-05/P7D"],
    ["2018-03-15/P1M", "2018-03-15/P1M"],
    ["2018", "2018"],
  ])("%s is %s", (text, period) => {
    expect(adxPeriod(text)).toBe(period);
  });
});

test("an ADX file: groups give org unit and period, category attributes are unmapped combos", async () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<adx xmlns="urn:ihe:qrph:adx:2015" exported="2019-01-10T10:00:00Z">
  <group orgUnit="DiszpKrYNg8" period="2018-01-01/P1Y" dataSet="pBOMPrpg1QX">
    <dataValue dataElement="${DE}" value="5"/>
    <dataValue dataElement="${DE}" SEX="M" value="3"><annotation>checked</annotation></dataValue>
  </group>
  <group orgUnit="DiszpKrYNg8" period="2018-03-05/P7D" dataSet="pBOMPrpg1QX" FUNDER="USAID">
    <dataValue dataElement="${DE}" value="1"/>
  </group>
</adx>`;
  const { upload, rows } = await parseAll(text, "data.adx.xml", { aliases: ALIASES });
  expect(upload.format).toBe("adx");
  expect(rows).toEqual([
    { row: 1, raw: { indicator: "CASES", period: "2018", region: "KZ-ALA", value: "5" } },
    {
      row: 2,
      given: { indicator: DE, period: "2018", region: "KZ-ALA", value: "3" },
      error: expect.objectContaining({
        code: "unmapped_combo",
        params: { dataElement: DE, categoryOptionCombo: "SEX=M", attributeOptionCombo: "" },
      }),
    },
    {
      row: 3,
      given: { indicator: "CASES", period: "2018-03-05/P7D", region: "KZ-ALA", value: "1" },
      error: expect.objectContaining({
        code: "unmapped_combo",
        params: { dataElement: DE, categoryOptionCombo: "", attributeOptionCombo: "FUNDER=USAID" },
      }),
    },
  ]);
});
