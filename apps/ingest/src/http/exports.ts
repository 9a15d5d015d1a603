import { type Db, loadProgramDefinitions } from "@spm/db";
import { isIsoDate, LOCALES, PLACE_CODE, toIsoDate } from "@spm/kpi";
import {
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  ExportAborted,
  openProgramExport,
  ServiceError,
} from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { principalOf, requireRole } from "../auth/middleware";
import { localeOf } from "./locale";
import { HttpProblem } from "./problem";
import { parseQuery, resolveDatesOrThrow } from "./validate";

export const exportQuery = z.object({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  format: z.enum(EXPORT_FORMATS),
  asOf: z.string().refine(isIsoDate, "a calendar date YYYY-MM-DD").optional(),
  /** The figures as they were known at the end of this day (UTC), from their revisions. */
  reportedOn: z.string().refine(isIsoDate, "a calendar date YYYY-MM-DD").optional(),
  region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
  lang: z.enum(LOCALES).optional(),
});

/**
 * `GET /export`: every figure of a programme, streamed as CSV, a workbook, JSON or a DHIS2 data
 * value set, each as its reader may see it (a confidential figure withheld without the right).
 */
export function exportsRouter(deps: { db: Db; now: () => Date }): Router {
  const router = Router();
  router.get("/export", requireRole("viewer"), async (req, res) => {
    const q = parseQuery(exportQuery, req.query);
    const program = (await loadProgramDefinitions(deps.db)).find((p) => p.code === q.program);
    const dates = resolveDatesOrThrow({
      ...q,
      today: toIsoDate(deps.now()),
      // An unknown programme is answered 404 below.
      firstYear: program?.years.start ?? 1000,
    });
    const opened = await openProgramExport(deps.db, q.format, {
      program: q.program,
      ...dates,
      region: q.region,
      locale: q.lang ?? localeOf(req),
      mayReadConfidential: principalOf(req).confidential,
    }).catch((error: unknown) => {
      if (error instanceof ServiceError && error.code === "not_found")
        throw new HttpProblem(404, "Not Found", error.message);
      throw error;
    });
    res
      .type(EXPORT_MEDIA[q.format].type)
      .attachment(opened.fileName)
      // What a reader may see is theirs alone: no shared cache keeps it (ASVS 8.2.1).
      .set("cache-control", "no-store");
    try {
      await opened.write(res);
      if (!res.writableEnded) res.end();
    } catch (error) {
      if (error instanceof ExportAborted) return;
      // Headers and part of the file are out: a cut connection tells the client it is incomplete.
      req.log?.error({ err: error }, "export failed");
      res.destroy();
    }
  });
  return router;
}
