/**
 * A source's pull: fetch, then the upload path every file takes (parse, outbox, job), made by
 * the source itself (`source:<id>`, a system identity like the seed's: not region-limited) and
 * recorded on the source and in the audit log. The same body as the last pull makes no upload.
 */
import { createReadStream } from "node:fs";
import {
  type Actor,
  actorFields,
  type Db,
  findSourceRow,
  recordAudit,
  recordSourceFailed,
  recordSourcePulled,
  type SourceRow,
} from "@spm/db";
import { openSourceSecret, pullRequestOf, type SecretsKey } from "@spm/services";
import type pino from "pino";
import type { Principal } from "../auth/principal";
import { stageAndEnqueue, uploadCatalog } from "../ingest/receive";
import type { StageMode } from "../ingest/stage";
import { parseUpload, UploadFileError } from "../parsing";
import type { Queues } from "../queues";
import { type Fetched, fetchSource } from "./fetch-source";

export interface PullDeps {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  key: SecretsKey | null;
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  now: () => Date;
  stage?: StageMode;
}

export type PullResult =
  | { outcome: "uploaded" | "unchanged"; uploadId: string }
  | { outcome: "failed"; code: string; params: Record<string, unknown>; transient: boolean }
  | { outcome: "missing" };

/** Pulls a source once, on behalf of `actor` (an admin's "pull now", or `scheduler`). */
export async function pullSource(deps: PullDeps, id: string, actor: Actor): Promise<PullResult> {
  const source = await findSourceRow(deps.db, id);
  if (!source) return { outcome: "missing" };
  const result = await fetchAndStage(deps, source);
  const at = deps.now();
  if (result.outcome === "failed")
    await recordSourceFailed(deps.db, id, {
      error: { code: result.code, params: result.params },
      at,
    });
  else await recordSourcePulled(deps.db, id, { ...result, at });
  const { contentHash: _hash, ...shown } = result as Staged & { contentHash?: string };
  await recordAudit(deps.db, {
    ...actorFields(actor),
    action: "source.pull",
    entityType: "source",
    entityId: id,
    after: shown,
  });
  deps.logger.info({ event: "source_pull", sourceId: id, ...shown }, "source pulled");
  return shown;
}

type Staged =
  | { outcome: "uploaded" | "unchanged"; uploadId: string; contentHash: string }
  | Extract<PullResult, { outcome: "failed" }>;

async function fetchAndStage(deps: PullDeps, source: SourceRow): Promise<Staged> {
  const secret = openSourceSecret(source, deps.key);
  if (!secret.ok) return { outcome: "failed", code: secret.code, params: {}, transient: false };
  const request = pullRequestOf(source, secret.secret, deps.now());
  const fetched = await fetchSource({
    ...request,
    timeoutMs: deps.timeoutMs,
    maxBytes: deps.maxBytes,
    allowPrivate: deps.allowPrivate,
  });
  if (!fetched.ok) {
    const { code, params, transient } = fetched;
    return { outcome: "failed", code, params, transient };
  }
  try {
    if (fetched.contentHash === source.last_content_hash && source.last_upload_id)
      return {
        outcome: "unchanged",
        uploadId: source.last_upload_id,
        contentHash: fetched.contentHash,
      };
    return await stage(deps, source, fetched);
  } catch (error) {
    if (error instanceof UploadFileError) return fileFailure(error.error);
    throw error;
  } finally {
    await fetched.discard();
  }
}

async function stage(deps: PullDeps, source: SourceRow, fetched: Fetched): Promise<Staged> {
  const catalog = await uploadCatalog(deps.db);
  const parsed = await parseUpload({
    stream: createReadStream(fetched.file),
    filename: source.kind === "dhis2" ? "dataValueSets.json" : new URL(source.url).pathname,
    contentType: fetched.contentType,
    aliases: catalog.dhis2,
  });
  if (!parsed.ok) return fileFailure(parsed.error);
  const principal: Principal = {
    kind: "source",
    id: source.id,
    name: source.name,
    role: "steward",
    regions: null,
    owner: null,
    confidential: false,
  };
  // Keyed on the upload it follows: a body seen before, then changed, then back is applied again.
  const key = `pull:${source.last_upload_id ?? "first"}:${fetched.contentHash}`;
  const staged = await stageAndEnqueue(
    deps,
    {
      kind: "source",
      sourceId: source.id,
      filename: source.name,
      format: parsed.format,
      contentHash: fetched.contentHash,
      idempotencyKey: key,
      requestHash: fetched.contentHash,
      dryRun: false,
      principal,
      rows: parsed.rows,
    },
    catalog,
  );
  return { outcome: "uploaded", uploadId: staged.id, contentHash: fetched.contentHash };
}

function fileFailure(error: { code: string; params: object }): Staged {
  return { outcome: "failed", code: error.code, params: { ...error.params }, transient: false };
}
