// DHIS2 data value files sent to the dashboard's origin: ids read through the programme's
// `dhis2` mapping (imported as an administrator would), disaggregated values as two figures.
import { randomBytes } from "node:crypto";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { programDefinitionSchema } from "@spm/kpi";
import { importProgram } from "@spm/services";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let steward: string;

// A fresh DHIS2 UID: a letter, then ten letters or digits.
function uid(): string {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const rest = randomBytes(10).toString("base64url").replace(/[-_]/g, "x").slice(0, 10);
  return `${letters[(randomBytes(1)[0] ?? 0) % letters.length]}${rest}`;
}

const DE = uid();
const MALE = uid();
const FEMALE = uid();
const OTHER = uid();
const NORTH = uid();
const SOUTH = uid();
const DEFAULT = "HllvX50cXC0";
const base = buildProgram({
  indicators: [
    {
      unit: "count",
      disaggregation: "regional",
      dhis2: [{ dataElement: DE, categoryOptionCombo: MALE }],
    },
    {
      unit: "count",
      disaggregation: "regional",
      dhis2: [{ dataElement: DE, categoryOptionCombo: FEMALE }],
    },
  ],
});
const program = programDefinitionSchema.parse({
  ...base,
  dhis2: { defaultCategoryOptionCombo: DEFAULT },
  regions: base.regions.map((r) => ({ ...r, dhis2: [r.code === "ZZ-N" ? NORTH : SOUTH] })),
});
const [MEN, WOMEN] = program.indicators.map((i) => i.code) as [string, string];

beforeAll(async () => {
  await importProgram(db, program, "test");
  steward = await tokenFor("steward");
});

async function send(name: string, body: string) {
  const form = new FormData();
  form.append("file", new Blob([body]), name);
  const res = await fetch(`${web}/api/v1/uploads`, {
    method: "POST",
    headers: { authorization: `Bearer ${steward}` },
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const { uploadId } = (await res.json()) as { uploadId: string };
  for (let i = 0; i < 240; i++) {
    const report = await fetch(`${web}/api/v1/uploads/${uploadId}`, {
      headers: { authorization: `Bearer ${steward}` },
    });
    const done = (await report.json()) as {
      status: string;
      format: string;
      counts: Record<string, number>;
      errors: { row: number; code: string; params: Record<string, unknown> }[];
    };
    if (done.status === "completed" || done.status === "failed") return { id: uploadId, ...done };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`upload ${uploadId} did not finish`);
}

async function stored(indicator: string) {
  const res = await fetch(`${web}/api/v1/indicators/${indicator}/observations`, {
    headers: { authorization: `Bearer ${steward}` },
  });
  const body = (await res.json()) as {
    observations: { period: string; region: string; value: number; note: string | null }[];
  };
  return body.observations.map((o) => [o.period, o.region, o.value]).sort();
}

const HEADER =
  "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted";
const CSV = [
  HEADER,
  `${DE},2018,${NORTH},${MALE},${DEFAULT},10,admin,2019-01-10T10:00:00.000,,false,false`,
  `${DE},2018,${NORTH},${FEMALE},${DEFAULT},12,admin,2019-01-10T10:00:00.000,,false,false`,
  // Shorter than the header, as DHIS2 writes rows without their trailing empty cells.
  `${DE},2019,${SOUTH},${MALE},${DEFAULT},11`,
  `${DE},2020,${NORTH},${MALE},${DEFAULT},99,admin,2021-01-10T10:00:00.000,,false,true`,
  `${DE},2018,${SOUTH},${OTHER},${DEFAULT},5`,
  `${DE},2018W10,${SOUTH},${FEMALE},${DEFAULT},5`,
].join("\n");
// The same values as a JSON data value set; the set's period and org unit fill the first two.
const JSON_SET = JSON.stringify({
  dataSet: uid(),
  period: "2018",
  orgUnit: NORTH,
  dataValues: [
    { dataElement: DE, categoryOptionCombo: MALE, attributeOptionCombo: DEFAULT, value: "10" },
    { dataElement: DE, categoryOptionCombo: FEMALE, attributeOptionCombo: DEFAULT, value: 12 },
    { dataElement: DE, period: "2019", orgUnit: SOUTH, categoryOptionCombo: MALE, value: "11" },
    { dataElement: DE, period: "2020", categoryOptionCombo: MALE, value: "99", deleted: true },
    { dataElement: DE, orgUnit: SOUTH, categoryOptionCombo: OTHER, value: "5" },
    { dataElement: DE, period: "2018W10", orgUnit: SOUTH, categoryOptionCombo: FEMALE, value: "5" },
  ],
});

// And as DXF2 XML, the set's attributes filling the first two.
const XML_SET = `<?xml version="1.0" encoding="UTF-8"?>
<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" period="2018" orgUnit="${NORTH}">
  <dataValue dataElement="${DE}" categoryOptionCombo="${MALE}" attributeOptionCombo="${DEFAULT}" value="10"/>
  <dataValue dataElement="${DE}" categoryOptionCombo="${FEMALE}" value="12"/>
  <dataValue dataElement="${DE}" period="2019" orgUnit="${SOUTH}" categoryOptionCombo="${MALE}" value="11"/>
  <dataValue dataElement="${DE}" period="2020" categoryOptionCombo="${MALE}" value="99" deleted="true"/>
  <dataValue dataElement="${DE}" orgUnit="${SOUTH}" categoryOptionCombo="${OTHER}" value="5"/>
  <dataValue dataElement="${DE}" period="2018W10" orgUnit="${SOUTH}" categoryOptionCombo="${FEMALE}" value="5"/>
</dataValueSet>`;

describe("DHIS2 files through the programme's mapping", () => {
  it("stores the CSV's values under the mapped indicators and places, rejecting row by row", async () => {
    const report = await send("dataValueSet.csv", CSV);
    expect([report.status, report.format]).toEqual(["completed", "dhis2"]);
    expect(report.counts).toEqual({
      received: 6,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 3,
    });
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([
      [5, "deleted_in_source"],
      [6, "unmapped_combo"],
      [7, "period_type_unsupported"],
    ]);
    expect(report.errors[1]?.params).toEqual({
      dataElement: DE,
      categoryOptionCombo: OTHER,
      attributeOptionCombo: DEFAULT,
    });
    expect(report.errors[2]?.params).toEqual({ period: "2018W10", type: "Weekly" });
    expect(await stored(MEN)).toEqual([
      ["2018", "ZZ-N", 10],
      ["2019", "ZZ-S", 11],
    ]);
    expect(await stored(WOMEN)).toEqual([["2018", "ZZ-N", 12]]);
    const rejected = await fetch(`${web}/api/v1/uploads/${report.id}/rejected.csv`, {
      headers: { authorization: `Bearer ${steward}` },
    });
    // The deleted value keeps its cells in the rejected rows' file.
    expect(await rejected.text()).toMatch(new RegExp(`${MEN}.*2020.*99.*deleted_in_source`));

    const again = await send("dataValueSet.json", JSON_SET);
    expect([again.status, again.format]).toEqual(["completed", "dhis2-json"]);
    expect(again.counts).toEqual({
      received: 6,
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 3,
    });
    expect(again.errors.map((e) => [e.row, e.code])).toEqual([
      [4, "deleted_in_source"],
      [5, "unmapped_combo"],
      [6, "period_type_unsupported"],
    ]);
    expect(await stored(MEN)).toEqual([
      ["2018", "ZZ-N", 10],
      ["2019", "ZZ-S", 11],
    ]);

    const xml = await send("dataValueSet.xml", XML_SET);
    expect([xml.status, xml.format]).toEqual(["completed", "dhis2-xml"]);
    expect(xml.counts).toEqual({ received: 6, inserted: 0, updated: 0, unchanged: 3, rejected: 3 });
    expect(xml.errors.map((e) => [e.row, e.code])).toEqual([
      [4, "deleted_in_source"],
      [5, "unmapped_combo"],
      [6, "period_type_unsupported"],
    ]);
  });
});
