import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Router } from "express";
import type { Queues } from "../queues";

export const QUEUE_BOARD_PATH = "/admin/queues";

/** The Bull Board UI over every queue (mounted behind the admin role by the app). */
export function queueBoardRouter(queues: Queues): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  return adapter.getRouter() as Router;
}
