import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { UploadFileError } from "./errors";
import { collectRows, dataSheet, parseBytes, workbookBytes } from "./test-support";

// The file error, whether it shows when the file is opened or while its rows are read.
async function fileErrorOf(text: string) {
  const result = await parseBytes(text);
  if (!result.ok) return { code: result.error.code, row: result.error.params.row };
  const error = await collectRows(result).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UploadFileError)) return error;
  return { code: error.error.code, row: error.error.params.row };
}

describe("CSV", () => {
  test.each([
    ["no bytes", ""],
    ["a BOM only", "\uFEFF"],
    ["blank lines only", "\r\n  \n;;\n"],
  ])("empty file: %s", async (_, text) => {
    const result = await parseBytes(text);
    expect(!result.ok && result.error.code).toBe("file_empty");
  });

  test("missing value column", async () => {
    const result = await parseBytes("indicator;period;region\nA;2018;\n");
    expect(!result.ok && [result.error.code, result.error.params]).toEqual([
      "header_missing_columns",
      { columns: "value" },
    ]);
    expect(!result.ok && result.error.message).toEqual({
      en: expect.stringContaining("value"),
      ru: expect.stringContaining("value"),
      kk: expect.stringContaining("value"),
    });
  });

  test("data without a header", async () => {
    const result = await parseBytes("HQ_READINESS,2018,,92\n");
    expect(!result.ok && result.error.code).toBe("header_missing");
  });

  test("binary bytes named .csv", async () => {
    const result = await parseBytes(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 0, 0]),
      "x.csv",
    );
    expect(!result.ok && result.error.code).toBe("file_unreadable");
  });

  test.each([
    ["found with the header", 0, 4],
    ["found after many rows", 20_000, 20_004],
  ])(
    "a quote never closed fails the file (%s), naming the row where it opened",
    async (_, before, row) => {
      const good = "A,2018,1,ok\n".repeat(before);
      const text = `indicator,period,value,note\n${good}A,2018,1,ok\n\nB,2019,2,"broken\nC,2020,3,\n`;
      expect(await fileErrorOf(text)).toEqual({ code: "csv_quote_not_closed", row });
    },
  );
});

describe("Excel", () => {
  test("garbage bytes named .xlsx", async () => {
    const result = await parseBytes(
      Buffer.from("this is not a workbook \x00\x01\x02"),
      "data.xlsx",
    );
    expect(!result.ok && result.error.code).toBe("file_unreadable");
  });

  test("a broken zip", async () => {
    const bytes = await workbookBytes((book) => void dataSheet(book, "S", "A"));
    const broken = Buffer.concat([bytes.subarray(0, 600), Buffer.alloc(4000, 0x5a)]);
    const result = await parseBytes(broken, "data.xlsx", { chunkSize: 512 });
    const code = result.ok
      ? await collectRows(result).then(
          () => "read",
          (e: unknown) => (e instanceof UploadFileError ? e.error.code : String(e)),
        )
      : result.error.code;
    expect(code).toBe("file_unreadable");
  });

  test("a legacy .xls (or password-protected) workbook", async () => {
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)]);
    const result = await parseBytes(ole, "old.xls");
    expect(!result.ok && result.error.code).toBe("format_unsupported");
  });

  test.each([
    ["libreoffice.xls", "figures.xls", "format_unsupported"],
    ["libreoffice-2003.xml", "figures.xml", "format_unsupported"],
    ["libreoffice.ods", "figures.ods", "format_ods"],
    ["libreoffice.fods", "figures.fods", "format_ods"],
  ])(
    "LibreOffice's %s is refused as %s, %s, saying to save it as .xlsx or CSV",
    async (fixture, name, code) => {
      const bytes = readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url));
      const result = await parseBytes(bytes, name);
      expect(!result.ok && result.error.code).toBe(code);
      for (const lang of ["en", "ru", "kk"] as const)
        expect(!result.ok && result.error.message[lang]).toMatch(/\.xlsx.*CSV/);
    },
  );

  test("a web page saved as .xls (an HTML table) is refused as an old workbook", async () => {
    const html =
      "<html><body><table><tr><td>indicator</td><td>period</td></tr></table></body></html>";
    const result = await parseBytes(html, "report.xls");
    expect(!result.ok && result.error.code).toBe("format_unsupported");
  });

  test("an OpenDocument spreadsheet (.ods, written by odfpy), with a message on how to save it", async () => {
    const ods = readFileSync(new URL("./fixtures/odfpy.ods", import.meta.url));
    for (const name of ["figures.ods", "figures.xlsx"]) {
      const result = await parseBytes(ods, name);
      expect(!result.ok && result.error.code).toBe("format_ods");
      expect(!result.ok && result.error.message.ru).toContain(".xlsx");
    }
  });

  test("a workbook whose sheet is empty", async () => {
    const bytes = await workbookBytes((book) => void book.addWorksheet("data"));
    const result = await parseBytes(bytes, "empty.xlsx");
    expect(!result.ok && result.error.code).toBe("file_empty");
  });

  test("a sheet without the value column", async () => {
    const bytes = await workbookBytes(
      (book) => void book.addWorksheet("data").addRow(["indicator", "period"]),
    );
    const result = await parseBytes(bytes, "x.xlsx");
    expect(!result.ok && [result.error.code, result.error.params.columns]).toEqual([
      "header_missing_columns",
      "value",
    ]);
  });
});
