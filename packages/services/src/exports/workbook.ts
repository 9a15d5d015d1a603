import type { Writable } from "node:stream";
import { type Db, listProgramYearLevels } from "@spm/db";
import { LOCALES, type ProgramDefinition, yearOfDate } from "@spm/kpi";
import ExcelJS from "exceljs";
import { programNarratives } from "../narratives/run";
import { neutraliseCell } from "./cells";
import { reportedYearLevels, type YearLevel } from "./reported";
import { EXPORT_COLUMNS, type ExportRequest, exportRows } from "./rows";
import { sheetDrained } from "./sink";

type Cell = string | number | null;

/** Text cells neutralised (a formula-like note is shown, never run); numbers stay numbers. */
function addRow(sheet: ExcelJS.Worksheet, cells: readonly Cell[]): void {
  sheet.addRow(cells.map((c) => (typeof c === "string" ? neutraliseCell(c) : c))).commit();
}

/** The columns of the Narratives sheet: a row per narrative and language written. */
export const NARRATIVE_COLUMNS = [
  "indicator",
  "place",
  "year",
  "language",
  "explanation",
  "measures",
  "author",
  "writtenAt",
];

/** The names of the workbook's sheets, in order. */
export const EXPORT_SHEETS = ["Summary", "Indicators", "Figures", "Statuses", "Narratives"];

/**
 * The workbook, written as a stream (exceljs's WorkbookWriter, no shared strings): Summary,
 * Indicators, Figures (a page of figures at a time), Statuses (the read model's year levels, or
 * as reported on a day), Narratives (a row per narrative and language).
 */
export async function writeXlsxExport(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
  out: Writable,
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const { locale } = req;
  const summary = book.addWorksheet("Summary");
  const facts: [string, Cell][] = [
    ["program", program.code],
    ["name", program.name[locale]],
    ["asOf", req.asOf],
    ["reportedOn", req.reportedOn ?? "current figures"],
    ["region", req.region ?? "all"],
    ["generatedAt", new Date().toISOString()],
    ["confidential", req.mayReadConfidential ? "shown" : "withheld"],
    ["approval", "no approvals yet"],
  ];
  for (const fact of facts) addRow(summary, fact);
  summary.commit();

  const indicators = book.addWorksheet("Indicators");
  addRow(indicators, ["indicator", "name", "direction", "unit", "polarity", "frequency"]);
  for (const i of program.indicators) {
    addRow(indicators, [i.code, i.name[locale], i.direction, i.unit, i.polarity, i.frequency]);
  }
  indicators.commit();

  const figures = book.addWorksheet("Figures");
  addRow(figures, EXPORT_COLUMNS);
  for await (const page of exportRows(db, program, req)) {
    for (const row of page)
      addRow(
        figures,
        EXPORT_COLUMNS.map((c) => row[c]),
      );
    await sheetDrained(figures, out);
  }
  figures.commit();

  const statuses = book.addWorksheet("Statuses");
  addRow(statuses, ["indicator", "place", "year", "current", "trajectory"]);
  for await (const levels of yearLevels(db, program, req)) {
    for (const l of levels) {
      addRow(statuses, [
        l.indicator_code,
        l.region_code,
        l.year,
        l.current_level,
        l.trajectory_level,
      ]);
    }
    await sheetDrained(statuses, out);
  }
  statuses.commit();

  const narratives = book.addWorksheet("Narratives");
  addRow(narratives, NARRATIVE_COLUMNS);
  const written = await programNarratives(db, program, {
    region: req.region,
    maxYear: yearOfDate(req.asOf),
  });
  for (const n of written) {
    for (const lang of LOCALES) {
      const explanation = n.explanation[lang];
      const measures = n.measures?.[lang];
      if (explanation === undefined && measures === undefined) continue;
      addRow(narratives, [
        n.indicator,
        n.region,
        n.year,
        lang,
        explanation ?? "",
        measures ?? "",
        n.author,
        n.writtenAt.toISOString(),
      ]);
    }
  }
  if (written.length === 0) addRow(narratives, ["", "", "", "", "no narratives yet"]);
  narratives.commit();
  await book.commit();
}

/** The Statuses sheet's rows: the read model's, or as reported on a day one indicator at a time. */
async function* yearLevels(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
): AsyncGenerator<YearLevel[]> {
  const { reportedOn } = req;
  if (!reportedOn) {
    const maxYear = yearOfDate(req.asOf);
    yield listProgramYearLevels(db, { program: program.code, maxYear, region: req.region });
    return;
  }
  const codes = program.indicators.map((i) => i.code).sort();
  for (const code of codes) yield reportedYearLevels(db, program, code, { ...req, reportedOn });
}
