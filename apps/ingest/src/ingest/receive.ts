// The one way figures come in, whoever sends them (a person's file or batch, a source's pull):
// the outbox transaction (stage.ts), then the job, with a racing twin answered by its winner.
import { type Db, findUploadByIdempotencyKey, loadProgramDefinitions } from "@spm/db";
import {
  buildDhis2Mapping,
  type Dhis2Mapping,
  indexPrograms,
  type ProgramDefinition,
  type ProgramIndex,
} from "@spm/kpi";
import type pino from "pino";
import { actorOf } from "../auth/principal";
import type { Queues } from "../queues";
import { enqueueUpload } from "./enqueue";
import { type StageInput, type StageMode, stageUpload } from "./stage";

/** The programmes as an upload reads them: their index and their DHIS2 ids (one read). */
export interface UploadCatalog {
  index: ProgramIndex;
  dhis2: Dhis2Mapping;
}

export async function uploadCatalog(db: Db): Promise<UploadCatalog> {
  const programs: ProgramDefinition[] = await loadProgramDefinitions(db);
  const built = indexPrograms(programs);
  if (!built.ok) throw new Error(`programmes share the indicator ${built.indicator}`);
  return { index: built.index, dhis2: buildDhis2Mapping(programs) };
}

export interface ReceiveDeps {
  db: Db;
  queues: Queues;
  logger: pino.Logger;
  /** How rows are staged (INGEST_STAGE); COPY unless told otherwise. */
  stage?: StageMode;
}

/** Stages an upload and enqueues its job; the same key raced in twice gives the winner's upload. */
export async function stageAndEnqueue(
  deps: ReceiveDeps,
  input: StageInput,
  catalog?: UploadCatalog,
): Promise<{ id: string }> {
  try {
    const { index } = catalog ?? (await uploadCatalog(deps.db));
    const staged = await stageUpload(deps.db, index, input, deps.stage);
    await enqueueUpload(deps.queues.uploads, { id: staged.id, retries: 0 }, deps.logger);
    return staged;
  } catch (error) {
    if ((error as { code?: string }).code === "23505" && input.idempotencyKey) {
      const winner = await findUploadByIdempotencyKey(
        deps.db,
        actorOf(input.principal),
        input.idempotencyKey,
      );
      if (winner && winner.request_hash === input.requestHash) return winner;
    }
    throw error;
  }
}
