/** Synthetic demo figures: loaded beside real ones as one `demo` upload, and removed again. */
import {
  addStatusWork,
  applyObservations,
  createDemoUpload,
  type Db,
  deleteUploadsWithFigures,
  hasDemoData,
  listDemoUploadIds,
  listFigureKeys,
  listIndicatorsOfUploads,
  loadProgramDefinitions,
  recordAudit,
  setDemoUploadCounts,
} from "@spm/db";
import { DEMO_UPLOAD_NAME, demoInputs, withoutTakenFigures } from "./compute";

/**
 * Loads synthetic figures for every programme, as one `demo` upload. A figure that already has
 * a real value is left alone: demo data never overwrites or mixes with real uploads.
 */
export async function loadDemoData(
  db: Db,
  actor: string,
  only?: readonly string[],
): Promise<{ inserted: number; skipped: number }> {
  if (await hasDemoData(db)) return { inserted: 0, skipped: 0 };
  const programs = (await loadProgramDefinitions(db)).filter((p) => !only || only.includes(p.code));
  return db.transaction().execute(async (trx) => {
    const upload = await createDemoUpload(trx, DEMO_UPLOAD_NAME, actor);
    const inputs = demoInputs(programs);
    const fresh = withoutTakenFigures(inputs, await listFigureKeys(trx));
    await applyObservations(trx, fresh, {
      uploadId: upload.id,
      uploadSeq: upload.seq,
      author: actor,
    });
    await addStatusWork(trx, [...new Set(fresh.map((f) => f.indicator))], "demo");
    const counts = { inserted: fresh.length, skipped: inputs.length - fresh.length };
    await setDemoUploadCounts(trx, upload.id, {
      received: inputs.length,
      inserted: fresh.length,
      unchanged: counts.skipped,
    });
    await recordAudit(trx, {
      actor,
      action: "demo.load",
      entityType: "upload",
      entityId: upload.id,
      after: counts,
    });
    return counts;
  });
}

/** Removes every demo figure and its history; real figures are untouched. */
export async function removeDemoData(db: Db, actor: string): Promise<{ removed: number }> {
  return db.transaction().execute(async (trx) => {
    const demo = await listDemoUploadIds(trx);
    if (demo.length === 0) return { removed: 0 };
    await addStatusWork(trx, await listIndicatorsOfUploads(trx, demo), "demo");
    const removed = await deleteUploadsWithFigures(trx, demo);
    await recordAudit(trx, {
      actor,
      action: "demo.remove",
      entityType: "upload",
      entityId: demo.join(","),
      after: { removed },
    });
    return { removed };
  });
}
