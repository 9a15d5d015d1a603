import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { type RequestHandler, Router } from "express";
import helmet from "helmet";
import type { Queues } from "../queues";
import { HttpProblem } from "./problem";

export const QUEUE_BOARD_PATH = "/admin/queues";

// Bull Board's page loads its own files and sets inline styles; no script of its is inline, so
// scripts come from this origin only. Google's fonts are not let in: the page falls back.
export const queueBoardHeaders: RequestHandler = helmet({
  strictTransportSecurity: false,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
});

const READS = new Set(["GET", "HEAD"]);

/**
 * The Bull Board UI over every queue, read-only (mounted behind the admin role and the origin
 * check by the app): a retry, clean, promote or removal is refused before Bull Board sees it.
 */
export function queueBoardRouter(queues: Queues): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: adapter,
  });
  const router = Router();
  // Jobs are the worker's and the CLI's to change, with an audit trail; the board only shows them.
  router.use((req, _res, next) => {
    if (READS.has(req.method)) return next();
    next(
      new HttpProblem(403, "Forbidden", "the queue board is read-only", {
        code: "queue_board_read_only",
      }),
    );
  });
  router.use(adapter.getRouter() as Router);
  return router;
}
