import type { Db } from "@spm/db";
import { narrativeBodySchema, PLACE_CODE } from "@spm/kpi";
import { missingNarratives, readNarrative, writeNarrative } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import { versionOf } from "./indicator-edits";
import { HttpProblem } from "./problem";
import { serviceProblem } from "./service-problem";
import { parseBody, parseQuery } from "./validate";

export const narrativeQuery = z.object({
  region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
});
export const missingQuery = z.object({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
});
const yearParam = z.coerce.number().int().min(1900).max(2100);

function yearOf(raw: unknown): number {
  const year = yearParam.safeParse(raw);
  if (!year.success) {
    throw new HttpProblem(400, "Bad Request", "the year is four digits, e.g. 2021", {
      invalid: [{ field: "year", message: "a year such as 2021" }],
    });
  }
  return year.data;
}

/**
 * Narratives of an indicator's year at a place: stewards write their places', managers every
 * place (a manager limited to regions, theirs); everyone reads them; managers list the missing.
 */
export function narrativesRouter(deps: { db: Db }): Router {
  const router = Router();
  router.put("/indicators/:code/narratives/:year", requireRole("steward"), async (req, res) => {
    const q = parseQuery(narrativeQuery, req.query);
    const year = yearOf(req.params.year);
    const ifMatch = versionOf(req.get("if-match"));
    const body = parseBody(narrativeBodySchema, req.body);
    try {
      const stored = await writeNarrative(deps.db, {
        code: String(req.params.code),
        year,
        region: q.region,
        body,
        places: principalOf(req).regions,
        ifMatch,
        actor: auditActor(req),
      });
      res.set("etag", `"${stored.version}"`).json(stored);
    } catch (error) {
      throw serviceProblem(error);
    }
  });

  router.get("/indicators/:code/narratives/:year", async (req, res) => {
    const q = parseQuery(narrativeQuery, req.query);
    try {
      const narrative = await readNarrative(deps.db, {
        code: String(req.params.code),
        year: yearOf(req.params.year),
        region: q.region,
      });
      res.set("etag", `"${narrative.current?.version ?? 0}"`).json(narrative);
    } catch (error) {
      throw serviceProblem(error);
    }
  });

  router.get("/narratives/missing", requireRole("manager"), async (req, res) => {
    const q = parseQuery(missingQuery, req.query);
    try {
      res.json(await missingNarratives(deps.db, q));
    } catch (error) {
      throw serviceProblem(error);
    }
  });
  return router;
}
