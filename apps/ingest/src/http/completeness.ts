import type { Db } from "@spm/db";
import { isIsoDate, toIsoDate } from "@spm/kpi";
import { programCompleteness } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { requireRole } from "../auth/middleware";
import { serviceProblem } from "./service-problem";
import { parseQuery } from "./validate";

export const completenessQuery = z.object({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  year: z.coerce.number().int().min(1900).max(2100),
  asOf: z.string().refine(isIsoDate, "a calendar date YYYY-MM-DD").optional(),
});

/** Who has reported what: a programme year's completeness per place and per agency (viewers and up). */
export function completenessRouter(deps: { db: Db; now: () => Date }): Router {
  const router = Router();
  router.get("/completeness", requireRole("viewer"), async (req, res) => {
    const q = parseQuery(completenessQuery, req.query);
    try {
      res.json(
        await programCompleteness(deps.db, {
          program: q.program,
          year: q.year,
          asOf: q.asOf ?? toIsoDate(deps.now()),
        }),
      );
    } catch (error) {
      throw serviceProblem(error);
    }
  });
  return router;
}
