import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import {
  type Db,
  findUploadById,
  findUploadByIdempotencyKey,
  listRejectedRows,
  listUploads,
  requeueUpload,
  type Upload,
} from "@spm/db";
import { type Request, type RequestHandler, type Response, Router } from "express";
import multer from "multer";
import type pino from "pino";
import { z } from "zod";
import { principalOf, requireRole } from "../auth/middleware";
import { actorOf, hasRole, type Principal } from "../auth/principal";
import { enqueueUpload } from "../ingest/enqueue";
import { stageAndEnqueue, uploadCatalog } from "../ingest/receive";
import type { IncomingRow, StageMode } from "../ingest/stage";
import { buildRejectedCsv, parseUpload, UploadFileError } from "../parsing";
import type { Queues } from "../queues";
import { HttpProblem } from "./problem";
import { mayReadSent, presentUpload, withholdSentConfidential } from "./upload-report";
import { batchBody, detailQuery, idParam, uploadQuery } from "./upload-schemas";
import { parseBody, parseQuery } from "./validate";

export interface UploadsDeps {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  maxUploadBytes: number;
  stage?: StageMode;
}

const KEY = z.string().trim().min(1).max(200);

/** The Idempotency-Key header, if sent; one that is empty or over 200 characters is a 400. */
function idempotencyKey(req: Request): string | undefined {
  const raw = req.headers["idempotency-key"];
  if (!raw) return undefined;
  const parsed = KEY.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new HttpProblem(400, "Bad Request", "the Idempotency-Key header needs 1–200 characters", {
    code: "idempotency_key_invalid",
    invalid: [{ field: "Idempotency-Key", message: "1–200 characters" }],
  });
}

function mayRead(principal: Principal, upload: Upload): boolean {
  return hasRole(principal, "manager") || upload.created_by === actorOf(principal);
}

/** Same key and same content: the upload made the first time. Same key, other content: 422. */
async function replayed(db: Db, principal: Principal, key: string | undefined, hash: string) {
  if (!key) return undefined;
  const existing = await findUploadByIdempotencyKey(db, actorOf(principal), key);
  if (existing && existing.request_hash !== hash) {
    throw new HttpProblem(
      422,
      "Unprocessable Content",
      "this Idempotency-Key was used for a different request",
    );
  }
  return existing;
}

function accepted(res: Response, upload: { id: string }, status = 202) {
  res
    .status(status)
    .location(`/api/v1/uploads/${upload.id}`)
    .json({ uploadId: upload.id, status: "queued" });
}

/** Uploads of figures (JSON batches and files), their reports, and retries. */
export function uploadsRouter(deps: UploadsDeps): Router {
  const router = Router();
  const receiveFile = fileReceiver(deps.maxUploadBytes);

  router.post("/observations", requireRole("steward"), async (req, res) => {
    const principal = principalOf(req);
    const body = parseBody(batchBody, req.body);
    const key = idempotencyKey(req);
    const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const existing = await replayed(deps.db, principal, key, hash);
    if (existing) return accepted(res, existing, 200);
    const rows: IncomingRow[] = body.observations.map((item, i) =>
      item && typeof item === "object" && !Array.isArray(item)
        ? { row: i + 1, raw: item as Record<string, never> }
        : {
            row: i + 1,
            error: {
              field: "row",
              code: "row_malformed",
              message: "Each observation must be an object.",
            },
          },
    );
    const staged = await stageAndEnqueue(deps, {
      kind: body.kind ?? "api",
      format: "json",
      idempotencyKey: key,
      requestHash: hash,
      dryRun: body.dryRun ?? false,
      principal,
      rows,
    });
    accepted(res, staged);
  });

  router.post("/uploads", requireRole("steward"), receiveFile, async (req: Request, res) => {
    const principal = principalOf(req);
    const file = req.file;
    if (!file)
      throw new HttpProblem(400, "Bad Request", "send the file as the multipart field `file`");
    try {
      const { dryRun = false } = parseQuery(uploadQuery, req.query);
      const key = idempotencyKey(req);
      const hash = await hashFile(file.path, dryRun);
      const existing = await replayed(deps.db, principal, key, hash);
      if (existing) return accepted(res, existing, 200);
      const catalog = await uploadCatalog(deps.db);
      const parsed = await parseUpload({
        stream: createReadStream(file.path),
        filename: file.originalname,
        contentType: file.mimetype,
        aliases: catalog.dhis2,
      });
      if (!parsed.ok) throw fileProblem(parsed.error);
      const staged = await stageAndEnqueue(
        deps,
        {
          kind: "file",
          filename: file.originalname.slice(0, 255),
          format: parsed.format,
          contentHash: hash,
          idempotencyKey: key,
          requestHash: hash,
          dryRun,
          principal,
          rows: parsed.rows,
        },
        catalog,
      );
      accepted(res, staged);
    } catch (error) {
      if (error instanceof UploadFileError) throw fileProblem(error.error);
      throw error;
    } finally {
      await rm(file.path, { force: true });
    }
  });

  router.get("/uploads", requireRole("steward"), async (req, res) => {
    const principal = principalOf(req);
    const q = parseQuery(
      z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
      req.query,
    );
    const mine = hasRole(principal, "manager") ? undefined : actorOf(principal);
    const uploads = await listUploads(deps.db, { createdBy: mine, limit: q.limit });
    res.json({
      uploads: await Promise.all(
        uploads.map((u) => presentUpload(deps.db, u, principalOf(req), { errorsLimit: 1 })),
      ),
    });
  });

  router.get("/uploads/:id", requireRole("steward"), async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const found = await findUploadById(deps.db, id);
    if (!found || !mayRead(principalOf(req), found))
      throw new HttpProblem(404, "Not Found", "no such upload");
    res.json(
      await presentUpload(deps.db, found, principalOf(req), parseQuery(detailQuery, req.query)),
    );
  });

  router.get("/uploads/:id/rejected.csv", requireRole("steward"), async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const found = await findUploadById(deps.db, id);
    if (!found || !mayRead(principalOf(req), found))
      throw new HttpProblem(404, "Not Found", "no such upload");
    res
      .type("text/csv; charset=utf-8")
      .attachment(`rejected-${id}.csv`)
      .send(
        buildRejectedCsv(
          withholdSentConfidential(
            await listRejectedRows(deps.db, id),
            mayReadSent(principalOf(req), found),
          ),
        ),
      );
  });

  router.post("/uploads/:id/retry", requireRole("steward"), async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const found = await findUploadById(deps.db, id);
    if (!found || !mayRead(principalOf(req), found))
      throw new HttpProblem(404, "Not Found", "no such upload");
    const retries = await requeueUpload(deps.db, id);
    if (retries === undefined)
      throw new HttpProblem(409, "Conflict", `the upload is ${found.status}, not failed`);
    await enqueueUpload(deps.queues.uploads, { id, retries }, deps.logger);
    accepted(res, { id });
  });
  return router;
}

// One file and nothing else is expected: a few small fields at most (ASVS 5.0 V5.2 / L2).
const MULTIPART_LIMITS = { files: 1, fields: 8, parts: 9, fieldSize: 16 * 1024, headerPairs: 20 };
// Multer's limit codes and what the client is told; busboy's own errors are malformed bodies.
const MULTIPART_PROBLEMS: Record<string, { code: string; detail: string }> = {
  LIMIT_PART_COUNT: { code: "multipart_too_many_parts", detail: "send one file and few fields" },
  LIMIT_FIELD_COUNT: { code: "multipart_too_many_parts", detail: "send one file and few fields" },
  LIMIT_FILE_COUNT: {
    code: "multipart_too_many_files",
    detail: "send one file, in the field `file`",
  },
  LIMIT_UNEXPECTED_FILE: {
    code: "multipart_too_many_files",
    detail: "send one file, in the field `file`",
  },
  LIMIT_FIELD_KEY: { code: "multipart_field_too_long", detail: "a field name is too long" },
  LIMIT_FIELD_VALUE: {
    code: "multipart_field_too_long",
    detail: `a field is longer than ${MULTIPART_LIMITS.fieldSize} bytes`,
  },
};

/** Multer's single-file middleware: over the size limit 413, any other limit or a malformed body 400. */
function fileReceiver(maxBytes: number): RequestHandler {
  const single = multer({
    dest: tmpdir(),
    limits: { ...MULTIPART_LIMITS, fileSize: maxBytes },
  }).single("file");
  const limitMb = maxBytes / (1024 * 1024);
  return (req, res, next) =>
    single(req, res, (error: unknown) => {
      if (!error) return next();
      const code = (error as { code?: string }).code;
      if (code === "LIMIT_FILE_SIZE") {
        const detail = `the file is larger than the upload limit of ${limitMb} MB (MAX_UPLOAD_MB)`;
        const extra = { code: "upload_too_large", params: { limitMb } };
        return next(new HttpProblem(413, "Content Too Large", detail, extra));
      }
      const known = code ? MULTIPART_PROBLEMS[code] : undefined;
      const problem = known ?? {
        code: "multipart_malformed",
        detail: "the multipart body cannot be read",
      };
      next(new HttpProblem(400, "Bad Request", problem.detail, { code: problem.code }));
    });
}

function fileProblem(error: { code: string; message: Record<string, string>; params: object }) {
  return new HttpProblem(422, "Unprocessable Content", error.message.en, {
    code: error.code,
    params: error.params,
    messages: error.message,
  });
}

async function hashFile(path: string, dryRun: boolean): Promise<string> {
  const hash = createHash("sha256").update(dryRun ? "dry:" : "real:");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
