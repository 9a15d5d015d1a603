import type { Db } from "@spm/db";
import { indicatorPatchSchema, indicatorPreviewSchema, toIsoDate } from "@spm/kpi";
import { editIndicator, indicatorHistory, previewIndicatorEdit } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import type { Queues } from "../queues";
import { enqueueStatusWork } from "../queues";
import { HttpProblem } from "./problem";
import { serviceProblem } from "./service-problem";
import { parseBody, parseQuery } from "./validate";

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** `If-Match: "3"` (or W/"3", or 3): the version the editor saw; absent = no check. */
export function versionOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new HttpProblem(
      400,
      "Bad Request",
      'If-Match must be the indicator\'s version, e.g. "3"',
      {
        invalid: [{ field: "If-Match", message: "not a version" }],
      },
    );
  }
  return Number(match[1]);
}

/** Managers change an indicator's definition with a reason; everyone reads its history. */
export function indicatorEditsRouter(deps: { db: Db; queues: Queues; now: () => Date }): Router {
  const router = Router();
  router.patch("/indicators/:code", requireRole("manager"), async (req, res) => {
    // A definition is the whole programme's: a manager limited to regions may not change it.
    if (principalOf(req).regions !== null) {
      throw new HttpProblem(
        403,
        "Forbidden",
        "managers limited to regions cannot change an indicator's definition",
      );
    }
    const ifMatch = versionOf(req.get("if-match"));
    const patch = parseBody(indicatorPatchSchema, req.body);
    try {
      const result = await editIndicator(deps.db, {
        code: String(req.params.code),
        patch,
        ifMatch,
        actor: auditActor(req),
      });
      if (result.changes.length > 0) {
        await enqueueStatusWork(deps.queues).catch((err: Error) =>
          req.log.warn({ err: err.message }, "status work not queued; the reconciler will"),
        );
      }
      res.set("etag", `"${result.version}"`).json({
        code: result.code,
        program: result.program,
        version: result.version,
        changes: result.changes,
      });
    } catch (error) {
      throw serviceProblem(error);
    }
  });

  // What the edit would do to each year's status, nothing saved (the form shows it first).
  router.post("/indicators/:code/preview", requireRole("manager"), async (req, res) => {
    const patch = parseBody(indicatorPreviewSchema, req.body);
    try {
      res.json(
        await previewIndicatorEdit(deps.db, {
          code: String(req.params.code),
          patch,
          asOf: toIsoDate(deps.now()),
          mayReadConfidential: principalOf(req).confidential,
        }),
      );
    } catch (error) {
      throw serviceProblem(error);
    }
  });

  router.get("/indicators/:code/history", async (req, res) => {
    const q = parseQuery(historyQuery, req.query);
    try {
      const history = await indicatorHistory(deps.db, req.params.code, q.limit);
      res.set("etag", `"${history.version}"`).json(history);
    } catch (error) {
      throw serviceProblem(error);
    }
  });
  return router;
}
