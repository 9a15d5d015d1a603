import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseAll } from "./test-support";
import type { ParsedRow } from "./types";

// Workbooks LibreOffice Calc itself wrote (fixtures/make-libreoffice.sh from libreoffice.fods):
// its zip puts the sheets before their shared strings, it spells the 1904 calendar
// `date1904="true"`, and it keeps a formula's cached value with its own type (`t="str"`, `t="e"`).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const shown = (rows: ParsedRow[]) =>
  rows.map((r) =>
    "raw" in r
      ? [r.row, r.raw.period, r.raw.region, r.raw.value]
      : [r.row, r.error.code, r.error.field, r.error.params],
  );

describe("workbooks written by LibreOffice Calc", () => {
  test.each(["libreoffice.xlsx", "libreoffice-1904.xlsx"])(
    "%s is read as Calc shows it: header below notes, hidden row, cached formulas, dates in their formats",
    async (name) => {
      for (const chunkSize of [64 * 1024, 700]) {
        const { upload, rows } = await parseAll(fixture(name), "показатели.xlsx", { chunkSize });
        expect([upload.format, upload.sheet]).toEqual(["xlsx", "Показатели"]);
        expect(upload.warnings.map((w) => [w.code, w.params])).toEqual([
          ["rows_above_header", { row: 4, count: 2 }],
        ]);
        expect(shown(rows)).toEqual([
          [5, "2019", "KZ", "93.5"],
          [6, "2020", "KZ-ALA", "91.25"],
          [7, "2021", "KZ-AST", "92.5"],
          [8, "2018", "KZ", "88"],
          [9, "2021-03", "KZ", "95.5%"],
          [10, "cell_error", "value", { cell: "D10", error: "#DIV/0!" }],
          [11, "2017", "KZ-AST", "90"],
        ]);
        expect(rows.filter((r) => "raw" in r).map((r) => "raw" in r && r.raw.note)).toEqual([
          "число текстом",
          "год датой",
          "скрытая строка, формула",
          "период формулой",
          "месяц и процент",
          "год формулой",
        ]);
      }
    },
  );
});
