import type { Db, SessionPolicy } from "@spm/db";
import express from "express";
import helmet from "helmet";
import type { Redis } from "ioredis";
import type pino from "pino";
import { pinoHttp } from "pino-http";
import type client from "prom-client";
import type { LoginLimiter } from "./auth/login-limiter";
import { authenticate, checkOrigin, requireRole } from "./auth/middleware";
import { adminRouter } from "./http/admin";
import { alertsRouter } from "./http/alerts";
import { approvalsRouter } from "./http/approvals";
import { authRouter } from "./http/auth";
import { completenessRouter } from "./http/completeness";
import { dataQualityRouter } from "./http/data-quality";
import { exportsRouter } from "./http/exports";
import { healthRouter } from "./http/health";
import { indicatorEditsRouter } from "./http/indicator-edits";
import { indicatorsRouter } from "./http/indicators";
import { narrativesRouter } from "./http/narratives";
import { openApiRouter } from "./http/openapi";
import { errorHandler, notFoundHandler } from "./http/problem";
import { programsRouter } from "./http/programs";
import { QUEUE_BOARD_PATH, queueBoardHeaders, queueBoardRouter } from "./http/queue-board";
import { reportSchedulesRouter } from "./http/report-schedules";
import { type ReportDeps, reportsRouter } from "./http/reports";
import { type SourcesConfig, sourcesRouter } from "./http/sources";
import { uploadsRouter } from "./http/uploads";
import type { Queues } from "./queues";
import { createReportRenderer } from "./reports/renderer";

export interface AppDeps {
  db: Db;
  redis: Redis;
  logger: pino.Logger;
  registry: client.Registry;
  limiter: LoginLimiter;
  policy: SessionPolicy;
  allowedOrigins: readonly string[];
  queues: Queues;
  maxUploadBytes: number;
  /** Attempts of each notification delivery (NOTIFY_ATTEMPTS). */
  notifyAttempts?: number;
  /** Peers whose X-Forwarded-For is believed (TRUSTED_PROXIES); the dashboard's forwarder among them. */
  trustedProxies?: readonly string[];
  /** The dashboard's address (APP_URL): https there makes session cookies Secure. */
  appUrl?: string;
  /** How sources are pulled (SECRETS_KEY, SOURCES_ALLOW_PRIVATE, SOURCE_TIMEOUT_MS). */
  sources?: SourcesConfig;
  /** The annual report's renderer and cache (default: Debian's Chromium, APP_URL, 128 MB). */
  reports?: Omit<ReportDeps, "db" | "now">;
  now?: () => Date;
}

export const BODY_LIMIT = "5mb";
// A JSON batch of figures (up to 50,000, with notes); files go through multipart (MAX_UPLOAD_MB).
export const BATCH_BODY_LIMIT = "16mb";

function defaultReports(webUrl: string): Omit<ReportDeps, "db" | "now"> {
  const timeoutMs = 60_000;
  const renderer = createReportRenderer({
    chromiumPath: "/usr/bin/chromium",
    timeoutMs,
    maxBytes: 64 * 1024 * 1024,
  });
  return { renderer, webUrl, timeoutMs, cacheBytes: 128 * 1024 * 1024 };
}

/** Builds the Express application of the ingest API (no listening: the caller decides). */
export function createApp(deps: AppDeps): express.Express {
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable("x-powered-by");
  // Only configured proxies say who the client is; anyone else's X-Forwarded-For is ignored.
  app.set("trust proxy", deps.trustedProxies ?? ["loopback"]);
  // Bull Board ships its own scripts and styles: a policy of its own (helmet's elsewhere). A
  // cross-site request is refused before the board, like everywhere in the API.
  app.use(
    QUEUE_BOARD_PATH,
    queueBoardHeaders,
    authenticate({ db: deps.db, policy: deps.policy, now }),
    requireRole("admin"),
    checkOrigin(deps.allowedOrigins),
    queueBoardRouter(deps.queues),
  );
  // HSTS is the dashboard's to send, by the https rule (browsers reach the API only through it).
  app.use(helmet({ strictTransportSecurity: false }));
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id =
          typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/metrics" },
      // Only what identifies a request: no headers (cookies, tokens) ever reach the log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRouter(deps));
  const api = express.Router();
  api.post("/observations", express.json({ limit: BATCH_BODY_LIMIT }));
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(
    express.text({
      limit: BODY_LIMIT,
      type: ["application/yaml", "text/yaml", "application/x-yaml"],
    }),
  );
  // Public, and answered before credentials are read: a stale token does not hide it.
  api.use(openApiRouter());
  api.use(authenticate({ db: deps.db, policy: deps.policy, now }));
  api.use(checkOrigin(deps.allowedOrigins));
  api.use(
    authRouter({
      db: deps.db,
      policy: deps.policy,
      limiter: deps.limiter,
      now,
      appUrl: deps.appUrl,
    }),
  );
  api.use(adminRouter({ db: deps.db, now, queues: deps.queues }));
  api.use(alertsRouter({ db: deps.db, now }));
  api.use(
    sourcesRouter({
      db: deps.db,
      queues: deps.queues,
      logger: deps.logger,
      maxUploadBytes: deps.maxUploadBytes,
      now,
      config: deps.sources ?? { key: null, allowPrivate: false, timeoutMs: 60_000 },
    }),
  );
  api.use(programsRouter({ db: deps.db }));
  api.use(exportsRouter({ db: deps.db, now }));
  api.use(dataQualityRouter({ db: deps.db, now }));
  api.use(reportSchedulesRouter({ db: deps.db, now }));
  api.use(
    reportsRouter({
      db: deps.db,
      now,
      ...(deps.reports ?? defaultReports(deps.appUrl ?? "http://localhost:3000")),
    }),
  );
  api.use(
    uploadsRouter({
      db: deps.db,
      queues: deps.queues,
      logger: deps.logger,
      maxUploadBytes: deps.maxUploadBytes,
      stage: deps.sources?.stage,
    }),
  );
  api.use("/indicators", requireRole("viewer"));
  api.use(indicatorEditsRouter({ db: deps.db, queues: deps.queues, now }));
  api.use(narrativesRouter({ db: deps.db }));
  api.use(completenessRouter({ db: deps.db, now }));
  api.use(
    approvalsRouter({ db: deps.db, queues: deps.queues, now, notifyAttempts: deps.notifyAttempts }),
  );
  api.use(indicatorsRouter({ db: deps.db, now }));
  app.use("/api/v1", api);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
