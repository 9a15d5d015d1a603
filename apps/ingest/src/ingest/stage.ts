import {
  addUploadErrors,
  createUpload,
  type Db,
  type StagedRow,
  setStagedCounts,
  stageRows,
  type UploadErrorInput,
} from "@spm/db";
import { figureKeyOf, formatRowError, type ProgramIndex, type RawRow, rowError } from "@spm/kpi";
import type { Principal } from "../auth/principal";
import { actorOf } from "../auth/principal";
import { forbiddenRegion } from "./write-scope";

/** A row as a parser or the JSON endpoint hands it over: data, or a shape error. */
export type IncomingRow =
  | { row: number; raw: RawRow }
  | {
      row: number;
      error: { field: string; code: string; message: string; params?: Record<string, unknown> };
      /** The cells of a rejected row, when they could be read (for the rejected-rows file). */
      given?: RawRow;
    };

export interface StageInput {
  kind: "file" | "api" | "source" | "form";
  /** The source whose pull this is (kind `source`). */
  sourceId?: string | null;
  filename?: string | null;
  format?: string | null;
  contentHash?: string | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  dryRun: boolean;
  principal: Principal;
  rows: AsyncIterable<IncomingRow> | Iterable<IncomingRow>;
}

const BATCH = 2000;

/**
 * The outbox step: in one transaction, stores the upload, every raw row (with its figure key)
 * and the errors found already (shape, forbidden region). Nothing is enqueued here.
 */
export async function stageUpload(db: Db, index: ProgramIndex, input: StageInput) {
  return db.transaction().execute(async (trx) => {
    const upload = await createUpload(trx, {
      kind: input.kind,
      filename: input.filename,
      format: input.format,
      contentHash: input.contentHash,
      idempotencyKey: input.idempotencyKey,
      requestHash: input.requestHash,
      createdBy: actorOf(input.principal),
      dryRun: input.dryRun,
      regionsScope: input.principal.regions,
      sourceId: input.sourceId,
    });
    let rows: StagedRow[] = [];
    let errors: UploadErrorInput[] = [];
    let received = 0;
    let rejected = 0;
    const flush = async () => {
      await stageRows(trx, upload.id, rows);
      await addUploadErrors(trx, upload.id, errors);
      rows = [];
      errors = [];
    };
    for await (const item of input.rows) {
      received += 1;
      if ("error" in item) {
        rejected += 1;
        rows.push({ row: item.row, raw: { ...item.given }, figureKey: null, outcome: "rejected" });
        errors.push({ row: item.row, ...item.error });
      } else {
        const forbidden = forbiddenRegion(item.raw, input.principal.regions, index);
        if (forbidden) {
          rejected += 1;
          const error = rowError("region", "region_forbidden", { region: forbidden });
          rows.push({ row: item.row, raw: { ...item.raw }, figureKey: null, outcome: "rejected" });
          errors.push({ row: item.row, ...error, message: formatRowError(error, "en") });
        } else {
          rows.push({
            row: item.row,
            raw: { ...item.raw },
            figureKey: figureKeyOf(item.raw, index),
          });
        }
      }
      if (rows.length >= BATCH) await flush();
    }
    await flush();
    await setStagedCounts(trx, upload.id, received, rejected);
    return { ...upload, received, rejected };
  });
}
