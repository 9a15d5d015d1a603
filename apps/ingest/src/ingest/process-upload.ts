import type { OutcomeMode, RowOutcome } from "@spm/db";
import {
  addStatusWork,
  addUploadErrors,
  applyObservations,
  claimPendingRows,
  claimRowsAfterWatermark,
  type Db,
  findUploadById,
  listAppliedRawRows,
  listChangedFigures,
  loadProgramDefinitions,
  type ObservationInput,
  previewObservations,
  recordChunkOutcomes,
  recordRowOutcomes,
  startUploadAttempt,
  type UploadErrorInput,
  updateUploadState,
} from "@spm/db";
import {
  formatRowError,
  indexPrograms,
  type ProgramIndex,
  type RawRow,
  type RowError,
  rowError,
  toIsoDate,
  validateRow,
} from "@spm/kpi";
import { computeStatusChanges } from "@spm/services";
import { UnrecoverableError } from "bullmq";
import { refuseLockedRows } from "./locked-rows";
import { checkChunkQuality } from "./quality";
import { forbiddenRegion, type WriteScope, writeScopeNow } from "./write-scope";

// Rows per transaction: large enough for multi-row statements, small enough that a crash
// repeats little and progress moves visibly.
export const CHUNK_ROWS = 2000;

export interface ProcessResult {
  status: "completed" | "skipped";
  changedIndicators: string[];
}

/** Where one chunk's time went (ms): claiming its rows, checking them, writing, recording. */
export interface ChunkTiming {
  rows: number;
  claimMs: number;
  checkMs: number;
  applyMs: number;
  recordMs: number;
  /** The whole transaction, commit included. */
  totalMs: number;
}

function toInput(
  row: number,
  raw: RawRow,
  index: ProgramIndex,
): ObservationInput | UploadErrorInput[] {
  const v = validateRow(raw, index);
  if (!v.ok) return v.errors.map((e) => ({ row, ...e, message: formatRowError(e, "en") }));
  const nation = index.indicators.get(v.row.indicator)?.program.nation ?? "";
  return {
    indicator: v.row.indicator,
    region: v.row.region ?? nation,
    period: v.row.period,
    year: v.row.year,
    value: v.row.value,
    flag: v.row.flag,
    note: v.row.note,
    source: v.row.source,
    row,
  };
}

/** Why the author may not set this row's figure now, or null. */
function scopeError(raw: RawRow, scope: WriteScope, index: ProgramIndex): RowError | null {
  if (!scope.allowed) return rowError("row", "author_not_allowed", {});
  const region = forbiddenRegion(raw, scope.regions, index);
  return region ? rowError("region", "region_forbidden", { region }) : null;
}

async function processChunk(
  db: Db,
  upload: { id: string; seq: string; created_by: string; dry_run: boolean },
  index: ProgramIndex,
  scope: WriteScope,
  mode: OutcomeMode,
): Promise<ChunkTiming> {
  const t0 = performance.now();
  const timing = await db.transaction().execute(async (trx) => {
    const claim = mode === "chunk" ? claimRowsAfterWatermark : claimPendingRows;
    const rows = await claim(trx, upload.id, CHUNK_ROWS);
    const t1 = performance.now();
    const outcomes: { row: number; outcome: RowOutcome }[] = [];
    const errors: UploadErrorInput[] = [];
    const valid: ObservationInput[] = [];
    for (const r of rows) {
      if (r.laterRow !== null) {
        const e = rowError("row", "duplicate_row", { row: r.laterRow });
        errors.push({ row: r.row, ...e, message: formatRowError(e, "en") });
        outcomes.push({ row: r.row, outcome: "rejected" });
        continue;
      }
      // The author's scope now: rows staged under an older, wider one are refused here too.
      const refused = scopeError(r.raw as RawRow, scope, index);
      if (refused) {
        errors.push({ row: r.row, ...refused, message: formatRowError(refused, "en") });
        outcomes.push({ row: r.row, outcome: "rejected" });
        continue;
      }
      const input = toInput(r.row, r.raw as RawRow, index);
      if (Array.isArray(input)) {
        errors.push(...input);
        outcomes.push({ row: r.row, outcome: "rejected" });
      } else valid.push(input);
    }
    // Rows of an approved (locked) year and place are refused first; the rest meet the
    // programme's validation rules and the outlier check: one call each, for the whole chunk.
    const { open: unlocked, refused } = await refuseLockedRows(trx, valid, index);
    errors.push(...refused);
    outcomes.push(...refused.map((e) => ({ row: e.row, outcome: "rejected" as const })));
    const quality = await checkChunkQuality(trx, upload.id, unlocked, index);
    errors.push(...quality.errors);
    for (const row of quality.rejectedRows) outcomes.push({ row, outcome: "rejected" });
    const open = quality.kept;
    const t2 = performance.now();
    const applied = upload.dry_run
      ? await previewObservations(trx, open)
      : await applyObservations(trx, open, {
          uploadId: upload.id,
          uploadSeq: upload.seq,
          author: upload.created_by,
        });
    const changed = new Set<string>();
    for (const [i, v] of open.entries()) {
      const outcome = applied[i] ?? "unchanged";
      outcomes.push({ row: v.row ?? 0, outcome });
      if (outcome === "inserted" || outcome === "updated") changed.add(v.indicator);
    }
    const t3 = performance.now();
    // The statuses these figures change are owed in the same transaction: never lost between.
    if (!upload.dry_run) await addStatusWork(trx, [...changed], "upload");
    await addUploadErrors(trx, upload.id, errors);
    const record = mode === "chunk" ? recordChunkOutcomes : recordRowOutcomes;
    await record(trx, upload.id, outcomes);
    const t4 = performance.now();
    return {
      rows: rows.length,
      claimMs: t1 - t0,
      checkMs: t2 - t1,
      applyMs: t3 - t2,
      recordMs: t4 - t3,
    };
  });
  return { ...timing, totalMs: performance.now() - t0 };
}

/**
 * `upload.process`: validates the staged rows chunk by chunk (each chunk one transaction that
 * marks its rows done, so a crash resumes where it stopped and applies nothing twice), then
 * records the status changes the upload causes (or, in a dry run, would cause).
 */
export async function processUpload(
  db: Db,
  uploadId: string,
  options: {
    now: () => Date;
    onProgress?: (done: number) => Promise<void>;
    /** How outcomes are recorded (INGEST_OUTCOMES): by chunk (a watermark) unless told. */
    outcomes?: OutcomeMode;
    /** Told each chunk's timings and, last, the status changes' time (`chunk` null). */
    onTiming?: (chunk: ChunkTiming | null, statusChangesMs: number) => void;
  },
): Promise<ProcessResult> {
  const upload = await findUploadById(db, uploadId);
  if (!upload) throw new UnrecoverableError(`no upload ${uploadId}`);
  if (upload.status === "completed" || upload.status === "failed")
    return { status: "skipped", changedIndicators: [] };
  await startUploadAttempt(db, uploadId, options.now());
  const built = indexPrograms(await loadProgramDefinitions(db));
  if (!built.ok) throw new UnrecoverableError(`programmes share indicator ${built.indicator}`);
  const index = built.index;
  const scope = await writeScopeNow(db, upload.created_by, options.now());
  let done = 0;
  for (;;) {
    const timing = await processChunk(db, upload, index, scope, options.outcomes ?? "chunk");
    if (timing.rows === 0) break;
    options.onTiming?.(timing, 0);
    done += timing.rows;
    await options.onProgress?.(done);
  }
  const t0 = performance.now();
  const nationOf = (code: string) => index.indicators.get(code)?.program.nation;
  const pairs = await listChangedFigures(db, uploadId, nationOf);
  const overlay = upload.dry_run ? await dryRunOverlay(db, uploadId, index) : undefined;
  const changes = await computeStatusChanges(db, {
    pairs,
    asOf: toIsoDate(options.now()),
    overlay,
  });
  options.onTiming?.(null, performance.now() - t0);
  await updateUploadState(db, uploadId, "completed", {
    finishedAt: options.now(),
    statusChanges: changes,
  });
  const changed = upload.dry_run ? [] : [...new Set(pairs.map((p) => p.indicator))];
  return { status: "completed", changedIndicators: changed };
}

async function dryRunOverlay(db: Db, uploadId: string, index: ProgramIndex) {
  const rows = await listAppliedRawRows(db, uploadId);
  return rows.flatMap((r) => {
    const input = toInput(r.row, r.raw as RawRow, index);
    return Array.isArray(input)
      ? []
      : [
          {
            indicator: input.indicator,
            region: input.region,
            period: input.period,
            value: input.value,
          },
        ];
  });
}
