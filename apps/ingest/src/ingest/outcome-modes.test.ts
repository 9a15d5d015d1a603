// Outcomes recorded by chunk (one row a chunk, the upload's watermark) give the report that an
// UPDATE of each row gave: the same counts, errors, rejected rows and changed figures; a crash
// resumes whichever way the chunks before it were recorded, and two jobs of one upload at once
// apply nothing twice.
import {
  type Db,
  findUploadById,
  listChangedFigures,
  listRejectedRows,
  listUploadErrors,
  loadProgramDefinitions,
  type OutcomeMode,
} from "@spm/db";
import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import { indexPrograms, type ProgramIndex } from "@spm/kpi";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import { processUpload } from "./process-upload";
import { type IncomingRow, stageUpload } from "./stage";

const db: Db = createTestDb();
const now = () => new Date("2026-11-26T08:00:00Z");
let principal: Principal;

beforeAll(async () => {
  const user = await createTestUser(db, { role: "steward" });
  principal = {
    kind: "user",
    id: user.id,
    name: user.username,
    role: "steward",
    regions: null,
    owner: user.id,
    confidential: false,
  };
});
afterAll(() => db.destroy());

/** A programme of its own and 4,500 rows for it: duplicates, bad values, rows refused at staging. */
async function upload(dryRun = false) {
  const program = buildProgram({
    indicators: [{ unit: "count", frequency: "quarterly", aggregation: "sum" }],
  });
  await importProgram(db, program, "test");
  const built = indexPrograms(await loadProgramDefinitions(db));
  if (!built.ok) throw new Error("programmes clash");
  const index: ProgramIndex = built.index;
  const code = program.indicators[0]?.code ?? "";
  const rows: IncomingRow[] = Array.from({ length: 4500 }, (_, i) =>
    i % 1000 === 7
      ? { row: i + 2, error: { field: "row", code: "row_malformed", message: "bad" } }
      : {
          row: i + 2,
          raw: {
            indicator: code,
            period: `${2010 + Math.floor(i / 300)}Q${1 + (i % 4)}`,
            value: i % 500 === 3 ? "-1" : String(i % 200),
          },
        },
  );
  return stageUpload(db, index, { kind: "api", dryRun, principal, rows });
}

async function reportOf(id: string) {
  const u = await findUploadById(db, id);
  const errors = await listUploadErrors(db, id, { limit: 10_000 });
  const rejected = await listRejectedRows(db, id);
  const changed = await listChangedFigures(db, id, () => "ZZ");
  return {
    status: u?.status,
    counts: [u?.received, u?.inserted, u?.updated, u?.unchanged, u?.rejected, u?.progress_done],
    errors: errors.map((e) => [e.row, e.code]),
    rejected: rejected.map((r) => [r.row, r.code]),
    changed: changed.length,
  };
}

async function processedBy(mode: OutcomeMode, dryRun = false) {
  const staged = await upload(dryRun);
  await processUpload(db, staged.id, { now, outcomes: mode });
  return { id: staged.id, report: await reportOf(staged.id) };
}

it("reports the same counts, errors, rejected rows and changed figures either way", async () => {
  const byChunk = await processedBy("chunk");
  const byRow = await processedBy("row");
  expect(byChunk.report).toEqual(byRow.report);
  expect(byChunk.report.counts[0]).toBe(4500);
  expect(byChunk.report.errors.filter(([, code]) => code === "duplicate_row")).toHaveLength(
    4500 - 5 - 60,
  );
  // No staged row was rewritten: the chunks hold the outcomes, the last one the watermark.
  const { rows } = await sql<{ updated: number; chunks: number }>`select
    (select count(*)::int from upload_rows where upload_id = ${byChunk.id}
      and outcome is not null and outcome <> 'rejected') as updated,
    (select count(*)::int from upload_chunks where upload_id = ${byChunk.id}) as chunks`.execute(
    db,
  );
  expect(rows[0]).toEqual({ updated: 0, chunks: 3 });
});

it("reports a dry run the same either way", async () => {
  const byChunk = await processedBy("chunk", true);
  const byRow = await processedBy("row", true);
  expect(byChunk.report).toEqual(byRow.report);
  expect(byChunk.report.changed).toBeGreaterThan(0);
});

it.each<[OutcomeMode, OutcomeMode]>([
  ["row", "chunk"],
  ["chunk", "row"],
])("resumes a crash after the first chunk recorded by %s, going on by %s", async (first, then) => {
  const expected = (await processedBy("row")).report;
  const staged = await upload();
  const crash = async () => {
    throw new Error("simulated crash");
  };
  await expect(
    processUpload(db, staged.id, { now, outcomes: first, onProgress: crash }),
  ).rejects.toThrow("simulated crash");
  expect((await findUploadById(db, staged.id))?.progress_done).toBe(2000 + 5);
  await processUpload(db, staged.id, { now, outcomes: then });
  const resumed = await reportOf(staged.id);
  // Counts of the same content in its own programme: the same whatever the path.
  expect(resumed).toEqual(expected);
});

it("applies nothing twice when two jobs of one upload run at once (by chunk)", async () => {
  const expected = (await processedBy("row")).report;
  const staged = await upload();
  await Promise.all([
    processUpload(db, staged.id, { now, outcomes: "chunk" }),
    processUpload(db, staged.id, { now, outcomes: "chunk" }),
  ]);
  expect(await reportOf(staged.id)).toEqual(expected);
});
