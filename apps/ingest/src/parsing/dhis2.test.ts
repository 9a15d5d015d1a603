import { expect, test } from "vitest";
import { parseAll } from "./test-support";

const HEADER =
  "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted";

test("DHIS2 data values: codes mapped by aliases, deleted rows skipped and counted", async () => {
  const text = [
    HEADER,
    "fbfJHSPpUQD,2018,ImspTQPwCqd,HllvX50cXC0,HllvX50cXC0,92.5,admin,2019-01-10T10:00:00.000,Проверено,false,false",
    "fbfJHSPpUQD,2019,ImspTQPwCqd,HllvX50cXC0,HllvX50cXC0,93,admin,2020-01-10T10:00:00.000,,false,true",
    "CASES,201903,O6uvpzGd5pu,HllvX50cXC0,HllvX50cXC0,12,admin,2019-04-01T10:00:00.000,,false,",
  ].join("\n");
  const aliases = {
    indicators: new Map([["fbfJHSPpUQD", "HQ_READINESS"]]),
    regions: new Map([
      ["ImspTQPwCqd", "KZ"],
      ["DiszpKrYNg8", "KZ-ALA"],
    ]),
  };
  const { upload, rows } = await parseAll(text, "dhis2.csv", { aliases });
  expect(upload.format).toBe("dhis2");
  expect(upload.warnings).toEqual([]);
  expect(upload.skipped).toEqual({ blank: 0, deleted: 1 });
  expect(rows).toEqual([
    {
      row: 2,
      raw: {
        indicator: "HQ_READINESS",
        period: "2018",
        region: "KZ",
        value: "92.5",
        note: "Проверено",
      },
    },
    {
      row: 4,
      raw: { indicator: "CASES", period: "201903", region: "O6uvpzGd5pu", value: "12", note: "" },
    },
  ]);
});

test("DHIS2 layout without aliases passes codes through", async () => {
  const { rows } = await parseAll(`${HEADER}\nHQ,2018,KZ-ALA,c,a,1,u,t,,false,false\n`);
  expect(rows).toEqual([
    { row: 2, raw: { indicator: "HQ", period: "2018", region: "KZ-ALA", value: "1", note: "" } },
  ]);
});
