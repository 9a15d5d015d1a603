import type { Db } from "@spm/db";
import { approvalActionRole, approvalRequestSchema, PLACE_CODE } from "@spm/kpi";
import { actOnApproval, listApprovalUnits, ServiceError } from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import { hasRole } from "../auth/principal";
import { enqueueDeliveries, enqueueStatusWork, type Queues } from "../queues";
import { HttpProblem } from "./problem";
import { serviceProblem } from "./service-problem";
import { parseBody, parseQuery } from "./validate";

export const approvalsQuery = z.object({
  program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
});

/** A refused transition: 409 with the code naming the state the unit is in. */
function approvalProblem(error: unknown): unknown {
  if (error instanceof ServiceError && error.code.startsWith("unit_")) {
    return new HttpProblem(409, "Conflict", error.message, {
      code: error.code,
      state: error.code.slice("unit_".length),
    });
  }
  return serviceProblem(error);
}

/**
 * Approval of a programme's year at a place: stewards submit their places', managers (a manager
 * limited to regions, theirs) approve, return and reopen; stewards and up read the states.
 */
export function approvalsRouter(deps: {
  db: Db;
  queues: Queues;
  now: () => Date;
  notifyAttempts?: number;
}): Router {
  const router = Router();
  router.get("/approvals", requireRole("steward"), async (req, res) => {
    const q = parseQuery(approvalsQuery, req.query);
    try {
      res.json(await listApprovalUnits(deps.db, q));
    } catch (error) {
      throw approvalProblem(error);
    }
  });

  router.post("/approvals", requireRole("steward"), async (req, res) => {
    const request = parseBody(approvalRequestSchema, req.body);
    const principal = principalOf(req);
    const needed = approvalActionRole(request.action);
    if (!hasRole(principal, needed)) {
      throw new HttpProblem(403, "Forbidden", `only a ${needed} may ${request.action} figures`);
    }
    try {
      const { unit, deliveries } = await actOnApproval(deps.db, {
        request,
        places: principal.regions,
        actor: auditActor(req),
        now: deps.now(),
      });
      const warn = (err: Error) =>
        req.log.warn({ err: err.message }, "work not queued; the reconcilers will");
      if (request.action === "approve" || request.action === "reopen") {
        await enqueueStatusWork(deps.queues).catch(warn);
      }
      await enqueueDeliveries(deps.queues, deliveries, deps.notifyAttempts ?? 8).catch(warn);
      res.json({ program: request.program, ...unit });
    } catch (error) {
      throw approvalProblem(error);
    }
  });
  return router;
}
