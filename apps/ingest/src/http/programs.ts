import { type Db, listPrograms, loadProgramDefinitions } from "@spm/db";
import { Router } from "express";
import { requireRole } from "../auth/middleware";
import { buildCsvTemplate, buildXlsxTemplate, templateFileName } from "../parsing";
import { HttpProblem } from "./problem";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Programmes as loaded, and the upload templates of each (CSV and Excel). */
export function programsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get("/programs", requireRole("viewer"), async (_req, res) => {
    res.json({ programs: await listPrograms(deps.db) });
  });
  router.get("/programs/:code/template.:ext", requireRole("viewer"), async (req, res) => {
    const ext = req.params.ext;
    if (ext !== "csv" && ext !== "xlsx")
      throw new HttpProblem(404, "Not Found", "templates are .csv or .xlsx");
    const program = (await loadProgramDefinitions(deps.db)).find((p) => p.code === req.params.code);
    if (!program) throw new HttpProblem(404, "Not Found", `no programme ${req.params.code}`);
    const body = ext === "csv" ? buildCsvTemplate(program) : await buildXlsxTemplate(program);
    res
      .type(ext === "csv" ? "text/csv; charset=utf-8" : XLSX)
      .attachment(templateFileName(program, ext))
      .send(body);
  });
  return router;
}
