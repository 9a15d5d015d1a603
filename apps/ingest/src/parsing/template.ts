/**
 * Downloadable upload templates for a programme: the canonical header and one example row per
 * indicator (its code, a period of the first programme year, the value left empty).
 */
import type { Frequency, IndicatorDefinition, ProgramDefinition } from "@spm/kpi";
import { csvField, neutraliseCell } from "@spm/services";
import ExcelJS from "exceljs";
import { CANONICAL_FIELDS } from "./header";

const BOM = "\uFEFF";

/** File name offered for a programme's template, e.g. `KZ-SPCRET-2018-2022-template.csv`. */
export function templateFileName(program: ProgramDefinition, extension: "csv" | "xlsx"): string {
  return `${program.code}-template.${extension}`;
}

/** The example rows of the template, in the canonical column order. */
export function templateRows(program: ProgramDefinition): string[][] {
  return program.indicators.map((indicator) => {
    const region = exampleRegion(program, indicator);
    const cells: Record<(typeof CANONICAL_FIELDS)[number], string> = {
      indicator: indicator.code,
      period: firstPeriod(program.years.start, indicator.frequency),
      region,
      value: "",
      flag: "",
      note: "",
      source: "",
    };
    return CANONICAL_FIELDS.map((field) => cells[field]);
  });
}

/** The CSV template: UTF-8 with a BOM (so Excel shows Cyrillic), comma-separated, CRLF lines. */
export function buildCsvTemplate(program: ProgramDefinition): Buffer {
  const lines = [[...CANONICAL_FIELDS], ...templateRows(program)].map((cells) =>
    cells.map(csvField).join(","),
  );
  return Buffer.from(`${BOM}${lines.join("\r\n")}\r\n`, "utf8");
}

/** The Excel template: sheet `data` to fill in, and sheets `indicators` and `regions` to look up. */
export async function buildXlsxTemplate(program: ProgramDefinition): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const data = book.addWorksheet("data", { views: [{ state: "frozen", ySplit: 1 }] });
  data.columns = CANONICAL_FIELDS.map((field) => ({
    header: field,
    key: field,
    width: field === "note" || field === "source" ? 40 : 18,
    // Text, so that Excel keeps codes and periods as typed (2018-03 would become a date).
    style: field === "value" ? {} : { numFmt: "@" },
  }));
  data.addRows(templateRows(program));
  boldHeader(data);

  const indicators = book.addWorksheet("indicators", { views: [{ state: "frozen", ySplit: 1 }] });
  indicators.columns = [
    { header: "code", width: 28 },
    { header: "name (en)", width: 50 },
    { header: "name (ru)", width: 50 },
    { header: "name (kk)", width: 50 },
    { header: "unit", width: 10 },
    { header: "frequency", width: 12 },
    { header: "disaggregation", width: 16 },
  ];
  for (const i of program.indicators) {
    indicators.addRow([
      i.code,
      i.name.en,
      i.name.ru,
      i.name.kk,
      i.unit,
      i.frequency,
      i.disaggregation,
    ]);
  }
  boldHeader(indicators);

  const regions = book.addWorksheet("regions", { views: [{ state: "frozen", ySplit: 1 }] });
  regions.columns = [
    { header: "code", width: 12 },
    { header: "name (en)", width: 40 },
    { header: "name (ru)", width: 40 },
    { header: "name (kk)", width: 40 },
  ];
  for (const r of [program.nation, ...program.regions]) {
    regions.addRow([r.code, r.name.en, r.name.ru, r.name.kk]);
  }
  boldHeader(regions);
  // Names come from programme files: none of them is run as a formula where the book is opened.
  for (const sheet of book.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = neutraliseCell(cell.value);
      }),
    );
  return Buffer.from(await book.xlsx.writeBuffer());
}

// The national figure is the example for a national indicator; a regional one shows a region.
function exampleRegion(program: ProgramDefinition, indicator: IndicatorDefinition): string {
  if (indicator.disaggregation !== "regional") return "";
  return program.regions[0]?.code ?? "";
}

function firstPeriod(year: number, frequency: Frequency): string {
  if (frequency === "quarterly") return `${year}Q1`;
  if (frequency === "monthly") return `${year}01`;
  return String(year);
}

function boldHeader(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
}
