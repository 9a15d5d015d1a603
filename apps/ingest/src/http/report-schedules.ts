import { type Db, listReportSchedules } from "@spm/db";
import { LOCALES, PLACE_CODE } from "@spm/kpi";
import {
  REPORT_FREQUENCIES,
  ServiceError,
  scheduleReport,
  unscheduleReport,
  viewReportSchedule,
} from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { auditActor, requireRole } from "../auth/middleware";
import { localeOf } from "./locale";
import { HttpProblem } from "./problem";
import { parseBody } from "./validate";

export const reportScheduleBody = z.strictObject({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  frequency: z.enum(REPORT_FREQUENCIES),
  recipients: z.array(z.email().max(254)).min(1, "at least one address").max(50),
  lang: z.enum(LOCALES).optional(),
  region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
});

/**
 * Managers' schedules of the annual report by e-mail (`/report-schedules`): list, create (the
 * first report goes at the next month's or quarter's start) and delete, each change audited.
 */
export function reportSchedulesRouter(deps: { db: Db; now: () => Date }): Router {
  const router = Router();
  router.use("/report-schedules", requireRole("manager"));
  router.get("/report-schedules", async (_req, res) => {
    res.json({ schedules: (await listReportSchedules(deps.db)).map(viewReportSchedule) });
  });
  router.post("/report-schedules", async (req, res) => {
    const body = parseBody(reportScheduleBody, req.body);
    const created = await scheduleReport(
      deps.db,
      { ...body, lang: body.lang ?? localeOf(req), now: deps.now() },
      auditActor(req),
    ).catch((error: unknown) => {
      if (
        error instanceof ServiceError &&
        (error.code === "not_found" || error.code === "out_of_range")
      )
        throw new HttpProblem(422, "Unprocessable Content", error.message, {
          code: error.code === "not_found" ? "program_not_found" : "report_out_of_range",
          invalid:
            error.details.length > 0
              ? error.details.map((d) => ({ field: d.path, message: d.message }))
              : [{ field: "program", message: error.message }],
        });
      throw error;
    });
    res.status(201).json(created);
  });
  router.delete("/report-schedules/:id", async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success || !(await unscheduleReport(deps.db, id.data, auditActor(req))))
      throw new HttpProblem(404, "Not Found", "no such report schedule");
    res.status(204).end();
  });
  return router;
}
