import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { detectDelimiter } from "./csv";
import { parseAll } from "./test-support";

const NOTES = ["Данные МВД; уточнены 12.02.2019", "Оценка «по методике №5», ёмкость"] as const;

describe("encodings", () => {
  test("Windows-1251 with semicolons, Russian header, Cyrillic notes and decimal commas", async () => {
    const text = [
      "Индикатор;Период;Регион;Значение;Признак;Примечание;Источник",
      `HQ_READINESS;2018;;92,5;estimated;"${NOTES[0]}";МВД РК`,
      `CASES;2019;KZ-ALA;1 234;;${NOTES[1]};`,
    ].join("\r\n");
    const { upload, rows } = await parseAll(iconv.encode(text, "win1251"), "данные.csv", {
      chunkSize: 5,
    });
    expect([upload.format, upload.encoding, upload.delimiter]).toEqual([
      "csv",
      "windows-1251",
      ";",
    ]);
    expect(rows).toEqual([
      {
        row: 2,
        raw: {
          indicator: "HQ_READINESS",
          period: "2018",
          region: "",
          value: "92,5",
          flag: "estimated",
          note: NOTES[0],
          source: "МВД РК",
        },
      },
      {
        row: 3,
        raw: {
          indicator: "CASES",
          period: "2019",
          region: "KZ-ALA",
          value: "1 234",
          flag: "",
          note: NOTES[1],
          source: "",
        },
      },
    ]);
  });

  test("Windows-1251 whose first Cyrillic comes after a long ASCII start", async () => {
    const lines = ["indicator;period;value;note"];
    for (let i = 0; i < 5000; i++) lines.push(`CASES;2019;${i};`);
    lines.push(`CASES;2020;1;${NOTES[1]}`);
    const { upload, rows } = await parseAll(iconv.encode(lines.join("\n"), "win1251"));
    expect(upload.encoding).toBe("windows-1251");
    expect(rows.at(-1)).toEqual({
      row: 5002,
      raw: { indicator: "CASES", period: "2020", value: "1", note: NOTES[1] },
    });
  });

  test.each([
    ["with BOM", `\uFEFFindicator,period,value,note\nA,2018,1,${NOTES[0].replace(";", "")}\n`],
    ["without BOM", `indicator,period,value,note\nA,2018,1,${NOTES[0].replace(";", "")}\n`],
  ])("UTF-8 %s", async (_, text) => {
    const { upload, rows } = await parseAll(Buffer.from(text, "utf8"), "a.csv", { chunkSize: 3 });
    expect([upload.encoding, upload.delimiter]).toEqual(["utf-8", ","]);
    expect(rows).toEqual([
      {
        row: 2,
        raw: { indicator: "A", period: "2018", value: "1", note: NOTES[0].replace(";", "") },
      },
    ]);
  });

  test.each([
    ["utf-16le", true],
    ["utf-16le", false],
    ["utf-16be", true],
  ] as const)("%s (BOM %s) with tabs", async (encoding, addBOM) => {
    const text = `Показатель\tГод\tЗначение\tПримечание\r\nA\t2018\t92,5\t${NOTES[1]}\r\n`;
    const { upload, rows } = await parseAll(iconv.encode(text, encoding, { addBOM }), "a.txt", {
      chunkSize: 7,
    });
    expect([upload.encoding, upload.delimiter]).toEqual([encoding, "\t"]);
    expect(rows).toEqual([
      { row: 2, raw: { indicator: "A", period: "2018", value: "92,5", note: NOTES[1] } },
    ]);
  });
});

describe("rows", () => {
  test("blank lines are skipped but keep the row numbers of the spreadsheet", async () => {
    const text = "\nindicator,period,value\n\nA,2018,1\n   \n,,\r\nB,2019,2\n\n";
    const { upload, rows } = await parseAll(text);
    expect(rows.map((r) => r.row)).toEqual([4, 7]);
    expect(upload.skipped).toEqual({ blank: 5 });
  });

  test("a quoted note over several lines is one row, as in a spreadsheet", async () => {
    const { rows } = await parseAll(
      'indicator,period,value,note\nA,2018,1,"line 1\nline 2"\nB,2019,2,\n',
    );
    expect(rows).toEqual([
      { row: 2, raw: { indicator: "A", period: "2018", value: "1", note: "line 1\nline 2" } },
      { row: 3, raw: { indicator: "B", period: "2019", value: "2", note: "" } },
    ]);
  });

  test("a cell more or less than the header makes row_malformed, with its row number", async () => {
    const text =
      "indicator,period,value,note\nA,2018,92,5,\nB,2019\nC,2020,1,\n\nD,2021,2,x,\nE,2022,3,y\n";
    const { rows } = await parseAll(text);
    const shown = rows.map((r) =>
      "error" in r ? [r.row, r.error.code, r.error.field] : [r.row, r.raw.indicator],
    );
    expect(shown).toEqual([
      [2, "row_malformed", "row"],
      [3, "row_malformed", "row"],
      [4, "C"],
      [6, "row_malformed", "row"],
      [7, "E"],
    ]);
    const first = rows[0];
    expect(first && "error" in first && first.error.params).toEqual({ expected: 4, actual: 5 });
    expect(first && "error" in first && first.error.message).toMatch(/cannot be read/);
  });

  test("padding cells are fine when the header has them too (Excel's export)", async () => {
    const { rows } = await parseAll("indicator;period;value;;\nA;2018;1;;\n");
    expect(rows).toEqual([{ row: 2, raw: { indicator: "A", period: "2018", value: "1" } }]);
  });

  test("CR-only and mixed line endings", async () => {
    const { rows } = await parseAll("indicator,period,value\rA,2018,1\r\nB,2019,2\nC,2020,3");
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  test("Excel's sep= line names the delimiter and is not a row", async () => {
    const { upload, rows } = await parseAll(
      "sep=,\r\nindicator,period,value (a;b;c;d)\r\nA,2018,5\r\n",
    );
    expect(upload.delimiter).toBe(",");
    expect(rows).toEqual([{ row: 2, raw: { indicator: "A", period: "2018", value: "5" } }]);
  });

  test("unknown columns are reported once and left out of the rows", async () => {
    const { upload, rows } = await parseAll(
      "indicator,period,value,Ответственный\nA,2018,1,Иванов\nB,2018,2,Петров\n",
    );
    expect(upload.warnings.map((w) => [w.code, w.params.columns])).toEqual([
      ["columns_ignored", "Ответственный"],
    ]);
    expect(rows.every((r) => "raw" in r && Object.keys(r.raw).length === 3)).toBe(true);
  });
});

test.each([
  ["indicator,period,value", ","],
  ["indicator;period;value", ";"],
  ["indicator\tperiod\tvalue", "\t"],
  ['"a,b";"c,d";e', ";"],
  ["indicator", ","],
])("detectDelimiter(%j) = %j", (line, expected) => {
  expect(detectDelimiter(line)).toBe(expected);
});
