import type { Db } from "@spm/db";
import express from "express";
import helmet from "helmet";
import type { Redis } from "ioredis";
import type pino from "pino";
import { pinoHttp } from "pino-http";
import type client from "prom-client";
import { healthRouter } from "./http/health";
import { indicatorsRouter } from "./http/indicators";
import { errorHandler, notFoundHandler } from "./http/problem";

export interface AppDeps {
  db: Db;
  redis: Redis;
  logger: pino.Logger;
  registry: client.Registry;
  now?: () => Date;
}

/** Builds the Express application of the ingest API (no listening: the caller decides). */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = (req.headers["x-request-id"] as string | undefined) ?? crypto.randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/metrics" },
    }),
  );
  app.use(healthRouter(deps));
  app.use("/api/v1", express.json({ limit: "5mb" }));
  app.use("/api/v1", indicatorsRouter({ db: deps.db, now: deps.now ?? (() => new Date()) }));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
