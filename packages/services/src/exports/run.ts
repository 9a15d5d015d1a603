import type { Writable } from "node:stream";
import type { Db } from "@spm/db";
import type { ProgramDefinition } from "@spm/kpi";
import { type ExportRequest, findExportProgram } from "./rows";
import { writeCsvExport, writeDhis2Export, writeJsonExport } from "./text-formats";
import { writeXlsxExport } from "./workbook";

export const EXPORT_FORMATS = ["csv", "xlsx", "json", "dhis2-json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const WRITERS: Record<
  ExportFormat,
  (db: Db, program: ProgramDefinition, req: ExportRequest, out: Writable) => Promise<void>
> = {
  csv: writeCsvExport,
  xlsx: writeXlsxExport,
  json: writeJsonExport,
  "dhis2-json": writeDhis2Export,
};

/** What the HTTP edge needs before the first byte: the type and the file name. */
export const EXPORT_MEDIA: Record<ExportFormat, { type: string; ext: string }> = {
  csv: { type: "text/csv; charset=utf-8", ext: "csv" },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" },
  json: { type: "application/json; charset=utf-8", ext: "json" },
  "dhis2-json": { type: "application/json; charset=utf-8", ext: "dhis2.json" },
};

/**
 * Opens an export (the programme must exist: `not_found` before anything is written), then
 * `write` streams it to `out` with bounded memory; the caller ends `out` (xlsx ends it itself).
 */
export async function openProgramExport(
  db: Db,
  format: ExportFormat,
  req: ExportRequest,
): Promise<{ fileName: string; write: (out: Writable) => Promise<void> }> {
  const program = await findExportProgram(db, req.program);
  const where = req.region ? `-${req.region}` : "";
  const reported = req.reportedOn ? `-reported-${req.reportedOn}` : "";
  return {
    fileName: `${program.code}${where}-${req.asOf}${reported}.${EXPORT_MEDIA[format].ext}`,
    write: (out) => WRITERS[format](db, program, req, out),
  };
}
