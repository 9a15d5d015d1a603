import {
  addUploadErrors,
  copyStagedRows,
  createUpload,
  type Db,
  type StagedRow,
  setStagedCounts,
  stageRows,
  type UploadErrorInput,
  withOneConnection,
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

/** How staged rows reach Postgres: one COPY a batch into narrow columns, or multi-row inserts. */
export type StageMode = "copy" | "insert";

// Rows a statement: the inserts' batch as before; a COPY's larger (its cost is per statement).
const BATCH = { insert: 2000, copy: 10_000 } as const;

type Trx = Parameters<Parameters<ReturnType<Db["transaction"]>["execute"]>[0]>[0];
type WriteBatch = (
  uploadId: string,
  rows: StagedRow[],
  errors: UploadErrorInput[],
) => Promise<void>;

/**
 * The outbox step: in one transaction, stores the upload, every raw row (with its figure key)
 * and the errors found already (shape, forbidden region). Nothing is enqueued here. With COPY,
 * a batch is written while the next one is read.
 */
export async function stageUpload(
  db: Db,
  index: ProgramIndex,
  input: StageInput,
  mode: StageMode = "copy",
) {
  if (mode === "insert") {
    return db.transaction().execute((trx) =>
      stageInto(trx, index, input, BATCH.insert, false, async (id, rows, errors) => {
        await stageRows(trx, id, rows);
        await addUploadErrors(trx, id, errors);
      }),
    );
  }
  return withOneConnection(db, (one, client) =>
    one.transaction().execute((trx) =>
      stageInto(trx, index, input, BATCH.copy, true, async (id, rows, errors) => {
        await copyStagedRows(client, id, rows);
        await addUploadErrors(trx, id, errors);
      }),
    ),
  );
}

async function stageInto(
  trx: Trx,
  index: ProgramIndex,
  input: StageInput,
  batch: number,
  overlap: boolean,
  write: WriteBatch,
) {
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
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const [batchRows, batchErrors] = [rows, errors];
    rows = [];
    errors = [];
    await writing;
    writing = write(upload.id, batchRows, batchErrors);
    // Seen by the next flush's await (or the last one): never an unhandled rejection meanwhile.
    writing.catch(() => {});
    if (!overlap) await writing;
  };
  try {
    for await (const item of input.rows) {
      received += 1;
      const staged = stagedRow(item, input.principal, index);
      if (staged.error) {
        rejected += 1;
        errors.push({ row: item.row, ...staged.error });
      }
      rows.push(staged.row);
      if (rows.length >= batch) await flush();
    }
    await flush();
    await writing;
  } catch (error) {
    // The transaction rolls back only once the batch in flight has finished on its connection.
    await writing.catch(() => {});
    throw error;
  }
  await setStagedCounts(trx, upload.id, received, rejected);
  return { ...upload, received, rejected };
}

/** A received row as staged: refused already (shape, forbidden region) with its error, or keyed. */
function stagedRow(
  item: IncomingRow,
  principal: Principal,
  index: ProgramIndex,
): { row: StagedRow; error?: Omit<UploadErrorInput, "row"> } {
  if ("error" in item) {
    return {
      row: { row: item.row, raw: { ...item.given }, figureKey: null, outcome: "rejected" },
      error: item.error,
    };
  }
  const forbidden = forbiddenRegion(item.raw, principal.regions, index);
  if (forbidden) {
    const error = rowError("region", "region_forbidden", { region: forbidden });
    return {
      row: { row: item.row, raw: { ...item.raw }, figureKey: null, outcome: "rejected" },
      error: { ...error, message: formatRowError(error, "en") },
    };
  }
  return { row: { row: item.row, raw: { ...item.raw }, figureKey: figureKeyOf(item.raw, index) } };
}
