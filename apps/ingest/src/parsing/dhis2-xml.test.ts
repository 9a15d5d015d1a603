import { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { UploadFileError } from "./errors";
import { parseUpload } from "./index";
import { MAX_RECORD_CHARS } from "./limits";
import { aliasesOf, collectRows, parseAll, parseBytes } from "./test-support";

const DE = "f7n9E0hX8qk";
const MALE = "Prlt0C1RF0s";
const FEMALE = "V6L425pT3A0";
const ALIASES = aliasesOf(
  { [DE]: { [MALE]: "CASES_M", [FEMALE]: "CASES_F" } },
  { DiszpKrYNg8: "KZ-ALA", O6uvpzGd5pu: "KZ-AST" },
);

const SET = `<?xml version="1.0" encoding="UTF-8"?>
<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" dataSet="pBOMPrpg1QX" completeDate="2019-01-10"
    period="2018" orgUnit="DiszpKrYNg8" attributeOptionCombo="HllvX50cXC0" dataElementIdScheme="UID">
  <dataValue dataElement="${DE}" categoryOptionCombo="${MALE}" value="5"/>
  <dataValue dataElement="${DE}" categoryOptionCombo="${FEMALE}" value="7.5" comment="провер&amp;ено"/>
  <dataValue dataElement="${DE}" period="2019" orgUnit="O6uvpzGd5pu" categoryOptionCombo="${MALE}" value="6"></dataValue>
  <dataValue dataElement="${DE}" categoryOptionCombo="${MALE}" value="9" deleted="true"/>
  <dataValue dataElement="${DE}" categoryOptionCombo="hEFKSsPV5et" value="1"/>
  <dataValue dataElement="${DE}" period="2018S1" categoryOptionCombo="${FEMALE}" value="3" followUp="false"/>
</dataValueSet>`;

describe("DHIS2 DXF2 XML data value sets", () => {
  test("values numbered from 1, set attributes filled in, ids mapped, rejections one by one", async () => {
    const { upload, rows } = await parseAll(SET, "set.xml", { aliases: ALIASES, chunkSize: 13 });
    expect([upload.format, upload.warnings]).toEqual(["dhis2-xml", []]);
    const kz = { period: "2018", region: "KZ-ALA" };
    expect(rows).toEqual([
      { row: 1, raw: { indicator: "CASES_M", ...kz, value: "5" } },
      { row: 2, raw: { indicator: "CASES_F", ...kz, value: "7.5", note: "провер&ено" } },
      { row: 3, raw: { indicator: "CASES_M", period: "2019", region: "KZ-AST", value: "6" } },
      {
        row: 4,
        given: { indicator: "CASES_M", ...kz, value: "9" },
        error: expect.objectContaining({ code: "deleted_in_source" }),
      },
      {
        row: 5,
        given: { indicator: DE, ...kz, value: "1" },
        error: expect.objectContaining({ code: "unmapped_combo" }),
      },
      { row: 6, raw: { indicator: "CASES_F", period: "2018S1", region: "KZ-ALA", value: "3" } },
    ]);
  });

  test("a prefixed namespace is read the same", async () => {
    const text = `<d:dataValueSet xmlns:d="http://dhis2.org/schema/dxf/2.0" period="2018" orgUnit="DiszpKrYNg8"><d:dataValue dataElement="${DE}" categoryOptionCombo="${MALE}" value="5"/></d:dataValueSet>`;
    const { rows } = await parseAll(text, "set.xml", { aliases: ALIASES });
    expect(rows).toEqual([
      { row: 1, raw: { indicator: "CASES_M", period: "2018", region: "KZ-ALA", value: "5" } },
    ]);
  });

  test.each([
    ["another root element", "<html><body>error</body></html>", "not_a_data_value_set"],
    ["no element at all", "<?xml version='1.0'?>", "file_unreadable"],
    [
      "a DTD (entities are never expanded)",
      '<!DOCTYPE d [<!ENTITY a "aaaa">]><dataValueSet><dataValue value="&a;"/></dataValueSet>',
      "file_unreadable",
    ],
    ["broken before the root", "<dataValueSet", "file_unreadable"],
  ])("refuses %s", async (_name, text, code) => {
    const result = await parseBytes(text, "set.xml");
    expect(!result.ok && result.error.code).toBe(code);
  });

  test.each([
    [
      "a tag not closed",
      `<dataValueSet><dataValue value="1"/><dataValue value="2"/><dataValue value=3/></dataValueSet>`,
      3,
    ],
    ["the set not closed", `<dataValueSet><dataValue value="1"/>`, 2],
    [
      "a text over the limit",
      `<dataValueSet><dataValue value="1"/>${"x".repeat(2 * MAX_RECORD_CHARS)}</dataValueSet>`,
      2,
    ],
  ])("a file with %s is a file error while the rows are read", async (_name, text, row) => {
    const result = await parseBytes(text, "set.xml");
    if (!result.ok) throw new Error(result.error.code);
    const error = await collectRows(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadFileError);
    const { code, params } = (error as UploadFileError).error;
    expect([code, params.row]).toEqual(["data_values_unreadable", row]);
  });
});

const VALUES = 200_000;
const MB = 1024 * 1024;

// Values as DHIS2 writes them (about 50 MB in all), produced chunk by chunk.
function* generatedSet(): Generator<Buffer> {
  yield Buffer.from('<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" orgUnit="DiszpKrYNg8">');
  let parts: string[] = [];
  for (let i = 0; i < VALUES; i++) {
    const combo = i % 2 ? MALE : FEMALE;
    parts.push(
      `<dataValue dataElement="${DE}" period="${2018 + (i % 5)}" categoryOptionCombo="${combo}" attributeOptionCombo="HllvX50cXC0" value="${i}" storedBy="admin" created="2019-01-10T10:00:00.000+0000" comment="Примечание ${i}" followUp="false"/>`,
    );
    if (parts.length === 1000) {
      yield Buffer.from(parts.join("\n"));
      parts = [];
    }
  }
  yield Buffer.from("</dataValueSet>");
}

// Heap after a full collection: what is held, not garbage not yet collected.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;
function heldMb(): number {
  collect();
  return process.memoryUsage().heapUsed / MB;
}

test("a 200,000-value set is read as a stream, holding no more at the end than at the start", async () => {
  const parsed = await parseUpload({
    stream: Readable.from(generatedSet()),
    filename: "big.xml",
    aliases: ALIASES,
  });
  if (!parsed.ok) throw new Error(parsed.error.code);
  let count = 0;
  let errors = 0;
  let early = 0;
  let late = 0;
  for await (const item of parsed.rows) {
    count++;
    if ("error" in item) errors++;
    if (count === 10_000) early = heldMb();
    if (count === VALUES - 10_000) late = heldMb();
  }
  expect({ count, errors }).toEqual({ count: VALUES, errors: 0 });
  // The rows or the text held would add well over 100 MB between the two points.
  expect(late - early).toBeLessThan(20);
}, 120_000);
