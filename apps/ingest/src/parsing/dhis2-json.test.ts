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
  { ImspTQPwCqd: "KZ", DiszpKrYNg8: "KZ-ALA", O6uvpzGd5pu: "KZ-AST" },
);

const SET = {
  dataSet: "pBOMPrpg1QX",
  completeDate: "2019-01-10",
  period: "2018",
  orgUnit: "DiszpKrYNg8",
  attributeOptionCombo: "HllvX50cXC0",
  dataValues: [
    { dataElement: DE, categoryOptionCombo: MALE, value: "5" },
    { dataElement: DE, categoryOptionCombo: FEMALE, value: 7.5, comment: "checked" },
    {
      dataElement: DE,
      period: "2019",
      orgUnit: "O6uvpzGd5pu",
      categoryOptionCombo: MALE,
      value: 6,
    },
    { dataElement: DE, categoryOptionCombo: MALE, value: "9", deleted: true },
    { dataElement: DE, categoryOptionCombo: "hEFKSsPV5et", value: "1" },
    { dataElement: DE, categoryOptionCombo: MALE, attributeOptionCombo: "hEFKSsPV5et", value: 1 },
    "not a value",
    { dataElement: DE, categoryOptionCombo: MALE, value: { nested: 1 } },
    {
      dataElement: DE,
      period: "2018W10",
      categoryOptionCombo: FEMALE,
      value: "3",
      followup: false,
    },
  ],
};

describe("DHIS2 JSON data value sets", () => {
  test("values numbered from 1, set defaults filled in, ids mapped, rejections one by one", async () => {
    const { upload, rows } = await parseAll(JSON.stringify(SET), "set.json", { aliases: ALIASES });
    expect([upload.format, upload.encoding, upload.warnings]).toEqual(["dhis2-json", "utf-8", []]);
    const kz = { period: "2018", region: "KZ-ALA" };
    expect(rows).toEqual([
      { row: 1, raw: { indicator: "CASES_M", ...kz, value: "5" } },
      { row: 2, raw: { indicator: "CASES_F", ...kz, value: "7.5", note: "checked" } },
      { row: 3, raw: { indicator: "CASES_M", period: "2019", region: "KZ-AST", value: "6" } },
      {
        row: 4,
        given: { indicator: "CASES_M", ...kz, value: "9" },
        error: expect.objectContaining({ code: "deleted_in_source" }),
      },
      {
        row: 5,
        given: { indicator: DE, ...kz, value: "1" },
        error: expect.objectContaining({
          code: "unmapped_combo",
          params: {
            dataElement: DE,
            categoryOptionCombo: "hEFKSsPV5et",
            attributeOptionCombo: "HllvX50cXC0",
          },
        }),
      },
      {
        row: 6,
        given: { indicator: "CASES_M", ...kz, value: "1" },
        error: expect.objectContaining({ code: "unmapped_combo" }),
      },
      { row: 7, error: expect.objectContaining({ code: "row_malformed", field: "row" }) },
      { row: 8, error: expect.objectContaining({ code: "row_malformed", field: "row" }) },
      { row: 9, raw: { indicator: "CASES_F", period: "2018W10", region: "KZ-ALA", value: "3" } },
    ]);
  });

  test.each([
    ["a BOM, white space and tiny chunks", `\uFEFF \n ${JSON.stringify(SET, null, 2)}\n`, 7],
    [
      "keys after dataValues",
      JSON.stringify({ dataValues: SET.dataValues.slice(0, 1), period: "2018", orgUnit: "x" }),
      1024,
    ],
  ])("reads %s", async (_name, text, chunkSize) => {
    const { rows } = await parseAll(text, "set.json", { aliases: ALIASES, chunkSize });
    expect(rows[0]).toEqual({
      row: 1,
      raw: expect.objectContaining({ indicator: "CASES_M", value: "5" }),
    });
  });

  test("content decides: a data value set named .csv is read as JSON", async () => {
    const { upload } = await parseAll(JSON.stringify(SET), "export.csv", { aliases: ALIASES });
    expect(upload.format).toBe("dhis2-json");
  });

  test.each([
    ["an empty object", "{}"],
    ["the observations API body", '{"observations":[{"indicator":"A"}]}'],
    ["dataValues not an array", '{"dataValues":{"a":1}}'],
    ["an array named .json", '[{"dataElement":"x"}]'],
  ])("refuses %s as not_a_data_value_set", async (_name, text) => {
    const result = await parseBytes(text, "set.json");
    expect(!result.ok && result.error.code).toBe("not_a_data_value_set");
  });

  // Values longer than the slices the text is read in, as a break is placed within one slice.
  const long = (n: number) => `{"comment":"${"x".repeat(3000)}","value":${n}}`;
  test.each([
    ["broken before the values", '{"period": 2018,', "file_unreadable", undefined],
    [
      "broken in the third value",
      `{"dataValues":[${long(1)},${long(2)},{"comment":"${"y".repeat(3000)}",]}`,
      "data_values_unreadable",
      3,
    ],
    ["cut off after the first value", `{"dataValues":[${long(1)},`, "data_values_unreadable", 2],
    ["with text after the set", `{"dataValues":[${long(1)}]} {}`, "data_values_unreadable", 1],
    [
      "with a string over the limit",
      `{"dataValues":[${long(1)},{"comment":"${"z".repeat(2 * MAX_RECORD_CHARS)}"}]}`,
      "data_values_unreadable",
      2,
    ],
    [
      "nested too deep",
      `{"dataValues":[${long(1)},${"[".repeat(100)}${"]".repeat(100)}]}`,
      "data_values_unreadable",
      1,
    ],
  ])("a file %s is a file error", async (_name, text, code, row) => {
    const result = await parseBytes(text, "set.json");
    if (!result.ok) {
      expect([result.error.code, result.error.params.row]).toEqual([code, row]);
      return;
    }
    const error = await collectRows(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadFileError);
    expect([
      (error as UploadFileError).error.code,
      (error as UploadFileError).error.params.row,
    ]).toEqual([code, row]);
  });
});

const VALUES = 200_000;
const MB = 1024 * 1024;

// Values as DHIS2 writes them (about 70 MB in all), produced chunk by chunk.
function* generatedSet(): Generator<Buffer> {
  yield Buffer.from(
    '{"dataSet":"pBOMPrpg1QX","period":"2018","orgUnit":"DiszpKrYNg8","dataValues":[',
  );
  let parts: string[] = [];
  for (let i = 0; i < VALUES; i++) {
    const value = {
      dataElement: DE,
      period: String(2018 + (i % 5)),
      orgUnit: "DiszpKrYNg8",
      categoryOptionCombo: i % 2 ? MALE : FEMALE,
      attributeOptionCombo: "HllvX50cXC0",
      value: String(i),
      storedBy: "admin",
      created: "2019-01-10T10:00:00.000+0000",
      lastUpdated: "2019-01-10T10:00:00.000+0000",
      comment: `Примечание: данные уточнены по итогам сверки ${i}`,
      followup: false,
    };
    parts.push(JSON.stringify(value));
    if (parts.length === 1000) {
      yield Buffer.from(`${i >= 1000 ? "," : ""}${parts.join(",")}`);
      parts = [];
    }
  }
  yield Buffer.from("]}");
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
    filename: "big.json",
    aliases: ALIASES,
  });
  if (!parsed.ok) throw new Error(parsed.error.code);
  let count = 0;
  let errors = 0;
  let last = 0;
  let early = 0;
  let late = 0;
  for await (const item of parsed.rows) {
    count++;
    last = item.row;
    if ("error" in item) errors++;
    if (count === 10_000) early = heldMb();
    if (count === VALUES - 10_000) late = heldMb();
  }
  expect({ count, last, errors }).toEqual({ count: VALUES, last: VALUES, errors: 0 });
  // The rows or the text held would add well over 100 MB between the two points.
  expect(late - early).toBeLessThan(20);
}, 120_000);
