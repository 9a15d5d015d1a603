import type { Db } from "@spm/db";
import { listDataQuality, setFollowUp } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import { localeOf } from "./locale";
import { serviceProblem } from "./service-problem";
import { parseBody, parseQuery } from "./validate";

export const dataQualityQuery = z.object({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  followUp: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export const warningParam = z.object({
  id: z.string().regex(/^[1-9]\d{0,17}$/, "the number of a data-quality warning"),
});
export const followUpBody = z.strictObject({
  followUp: z.boolean(),
  comment: z.string().trim().max(2000).nullable().optional(),
});

/**
 * The data-quality list of a programme (viewer+) and the follow-up marks on its figures
 * (stewards for their places, managers for theirs, audited).
 */
export function dataQualityRouter(deps: { db: Db; now: () => Date }): Router {
  const router = Router();
  router.get("/data-quality", requireRole("viewer"), async (req, res) => {
    const q = parseQuery(dataQualityQuery, req.query);
    const principal = principalOf(req);
    try {
      res.json(
        await listDataQuality(deps.db, q, {
          confidential: principal.confidential,
          locale: localeOf(req),
        }),
      );
    } catch (error) {
      throw serviceProblem(error);
    }
  });

  router.post("/data-quality/:id/follow-up", requireRole("steward"), async (req, res) => {
    const { id } = parseQuery(warningParam, req.params);
    const body = parseBody(followUpBody, req.body);
    try {
      res.json(
        await setFollowUp(deps.db, {
          id,
          followUp: body.followUp,
          comment: body.comment,
          places: principalOf(req).regions,
          actor: auditActor(req),
          now: deps.now(),
        }),
      );
    } catch (error) {
      throw serviceProblem(error);
    }
  });
  return router;
}
