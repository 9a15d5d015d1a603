// Sources (admins): scheduled pulls from a DHIS2 instance or a CSV/JSON address. "Pull now"
// pulls while the request waits, so the administrator sees at once what the instance answered.
import type { Db } from "@spm/db";
import {
  createSource,
  deleteSource,
  findSource,
  listSourcePulls,
  listSources,
  newSourceSchema,
  type SecretsKey,
  ServiceError,
  type SourceContext,
  sourceChangesSchema,
  updateSource,
} from "@spm/services";
import { type Request, Router } from "express";
import type pino from "pino";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import type { StageMode } from "../ingest/stage";
import type { Queues } from "../queues";
import { pullSource } from "../sources/pull-source";
import { HttpProblem } from "./problem";
import { presentUpload } from "./upload-report";
import { parseBody, parseQuery } from "./validate";

/** How sources reach out: the credentials' key, the address rule's escape hatch, the deadline. */
export interface SourcesConfig {
  key: SecretsKey | null;
  allowPrivate: boolean;
  timeoutMs: number;
  /** How a pull's rows are staged (INGEST_STAGE). */
  stage?: StageMode;
}

export interface SourcesDeps {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  maxUploadBytes: number;
  now: () => Date;
  config: SourcesConfig;
}

const idParam = z.object({ id: z.uuid("not a valid id") });
export const pullsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });

const UNPROCESSABLE = new Set(["address_not_public", "address_unresolved", "invalid_source"]);

function problemOf(error: unknown): unknown {
  if (!(error instanceof ServiceError)) return error;
  const invalid = error.details.map((d) => ({ field: d.path, message: d.message }));
  if (UNPROCESSABLE.has(error.code))
    return new HttpProblem(422, "Unprocessable Content", error.message, {
      code: error.code,
      invalid,
    });
  if (error.code === "name_taken")
    return new HttpProblem(409, "Conflict", error.message, { code: "source_name_taken", invalid });
  if (error.code === "secrets_key_unset")
    return new HttpProblem(503, "Service Unavailable", error.message, { code: error.code });
  return error;
}

/** The sources routes; every one is for admins. */
export function sourcesRouter(deps: SourcesDeps): Router {
  const router = Router();
  router.use("/sources", requireRole("admin"));
  const context = (req: Request): SourceContext => ({
    key: deps.config.key,
    allowPrivate: deps.config.allowPrivate,
    actor: auditActor(req),
    now: deps.now(),
  });
  const found = async (id: string) => {
    const source = await findSource(deps.db, id);
    if (!source) throw new HttpProblem(404, "Not Found", "no such source");
    return source;
  };

  router.get("/sources", async (_req, res) => {
    res.json({ sources: await listSources(deps.db) });
  });
  router.post("/sources", async (req, res) => {
    const body = parseBody(newSourceSchema, req.body);
    const source = await createSource(deps.db, body, context(req)).catch((e) => {
      throw problemOf(e);
    });
    res.status(201).location(`/api/v1/sources/${source.id}`).json({ source });
  });
  router.get("/sources/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    res.json({ source: await found(id) });
  });
  router.patch("/sources/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const changes = parseBody(sourceChangesSchema, req.body);
    const source = await updateSource(deps.db, id, changes, context(req)).catch((e) => {
      throw problemOf(e);
    });
    if (!source) throw new HttpProblem(404, "Not Found", "no such source");
    res.json({ source });
  });
  router.delete("/sources/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    if (!(await deleteSource(deps.db, id, auditActor(req))))
      throw new HttpProblem(404, "Not Found", "no such source");
    res.status(204).end();
  });
  router.post("/sources/:id/pull", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    await found(id);
    const result = await pullSource(
      { ...deps, ...deps.config, maxBytes: deps.maxUploadBytes },
      id,
      auditActor(req),
    );
    if (result.outcome === "missing") throw new HttpProblem(404, "Not Found", "no such source");
    if (result.outcome === "failed")
      throw new HttpProblem(502, "Bad Gateway", `the pull failed: ${result.code}`, {
        code: result.code,
        params: result.params,
      });
    const status = result.outcome === "uploaded" ? 202 : 200;
    res
      .status(status)
      .location(`/api/v1/uploads/${result.uploadId}`)
      .json({ uploadId: result.uploadId, outcome: result.outcome });
  });
  router.get("/sources/:id/pulls", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const { limit } = parseQuery(pullsQuery, req.query);
    await found(id);
    const uploads = await listSourcePulls(deps.db, id, limit);
    const reader = principalOf(req);
    res.json({
      pulls: await Promise.all(
        uploads.map((u) => presentUpload(deps.db, u, reader, { errorsLimit: 1 })),
      ),
    });
  });
  return router;
}
