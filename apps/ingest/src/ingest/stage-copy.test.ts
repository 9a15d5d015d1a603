// Staging by COPY keeps every row as the multi-row jsonb inserts kept it: the cells read back
// (text with tabs, newlines and backslashes, numbers sent as JSON numbers, other keys), the errors
// and the counts, and the worker's outcome of the same upload is the same.
import { type Db, listRejectedRows, listUploadErrors, loadProgramDefinitions } from "@spm/db";
import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import { indexPrograms, type ProgramIndex } from "@spm/kpi";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import { processUpload } from "./process-upload";
import { type IncomingRow, type StageMode, stageUpload } from "./stage";

const db: Db = createTestDb();
const program = buildProgram({ indicators: [{ disaggregation: "regional", unit: "number" }] });
const [IND] = program.indicators.map((i) => i.code) as [string];
const now = () => new Date("2026-11-26T08:00:00Z");
let index: ProgramIndex;
let principal: Principal;

beforeAll(async () => {
  await importProgram(db, program, "test");
  const built = indexPrograms(await loadProgramDefinitions(db));
  if (!built.ok) throw new Error("programmes clash");
  index = built.index;
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

const NOTE = "tab\there\nnew line \\N back\\slash\r\n'quote' \"dq\" ; , | ü 日本";

// Each kind of row a parser or a JSON batch hands over.
const rows = (): IncomingRow[] => [
  { row: 1, raw: { indicator: IND, period: "2019", region: "ZZ-N", value: "12,5" } },
  { row: 2, raw: { indicator: IND, period: 2020, region: "zz-n", value: 7.25, flag: "estimated" } },
  {
    row: 3,
    raw: {
      indicator: IND,
      period: "2021",
      value: "3",
      note: NOTE,
      source: "\\.",
    },
  },
  { row: 4, raw: { indicator: IND, period: "2021", region: "ZZ-S", value: "4" } },
  { row: 5, raw: { indicator: IND, period: "2022", region: null, value: "", note: null } },
  {
    row: 6,
    raw: { indicator: IND, period: "2018", value: 1e21, extra: "kept" } as unknown as Record<
      string,
      never
    >,
  },
  { row: 7, raw: { indicator: IND, period: 2017, region: "ZZ-S", value: "5" } },
  { row: 8, error: { field: "row", code: "row_malformed", message: "bad" }, given: { value: "x" } },
  { row: 9, error: { field: "row", code: "row_malformed", message: "bad" } },
  { row: 10, raw: { indicator: IND, period: "2019", region: "ZZ-N", value: "13" } },
];

async function stageWith(mode: StageMode) {
  const staged = await stageUpload(
    db,
    index,
    { kind: "api", dryRun: false, principal, rows: rows() },
    mode,
  );
  const { rows: stored } = await sql<{ row: number; raw: unknown; key: string | null }>`
    select row_number as row, coalesce(raw, jsonb_strip_nulls(jsonb_build_object('indicator',
      indicator, 'period', period, 'region', region, 'value',
      coalesce(to_jsonb(value_number), to_jsonb(value)), 'flag', flag, 'note', note,
      'source', source))) as raw, figure_key as key
    from upload_rows where upload_id = ${staged.id} order by row_number`.execute(db);
  return { staged, stored };
}

const withoutNulls = (raw: unknown) =>
  Object.fromEntries(Object.entries(raw as object).filter(([, v]) => v !== null));

it("stores the same cells, keys, errors and counts by COPY as by inserts", async () => {
  const copy = await stageWith("copy");
  const insert = await stageWith("insert");
  expect(copy.stored.map((r) => r.key)).toEqual(insert.stored.map((r) => r.key));
  expect(copy.stored.map((r) => r.raw)).toEqual(insert.stored.map((r) => withoutNulls(r.raw)));
  expect(copy.stored[2]?.raw).toMatchObject({ note: NOTE, source: "\\." });
  expect(copy.stored[1]?.raw).toMatchObject({ period: 2020, value: 7.25 });
  expect(copy.stored[5]?.raw).toEqual({
    indicator: IND,
    period: "2018",
    value: 1e21,
    extra: "kept",
  });
  expect([copy.staged.received, copy.staged.rejected]).toEqual([10, 2]);
  expect([insert.staged.received, insert.staged.rejected]).toEqual([10, 2]);
  // Only the rows whose cells are not plain text keep a jsonb document.
  const { rows: kept } = await sql<{ row: number }>`select row_number as row from upload_rows
    where upload_id = ${copy.staged.id} and raw is not null order by row_number`.execute(db);
  expect(kept.map((r) => r.row)).toEqual([2, 6, 7]);

  const errors = async (id: string) =>
    (await listUploadErrors(db, id, { limit: 100 })).map((e) => [e.row, e.code, e.flag]);
  expect(await errors(copy.staged.id)).toEqual(await errors(insert.staged.id));
});

it("gives the worker the same rows: the same outcomes, errors and rejected rows", async () => {
  const copy = await stageWith("copy");
  await processUpload(db, copy.staged.id, { now });
  const insert = await stageWith("insert");
  await processUpload(db, insert.staged.id, { now });
  const report = async (id: string) => {
    const errors = await listUploadErrors(db, id, { limit: 100 });
    const rejected = await listRejectedRows(db, id);
    const { rows: outcomes } = await sql<{ row: number; outcome: string }>`select row_number as row,
      outcome from upload_row_outcomes where upload_id = ${id} order by row_number`.execute(db);
    return {
      errors: errors.map((e) => [e.row, e.code, e.params]),
      rejected: rejected.map((r) => [r.row, withoutNulls(r.raw), r.code]),
      outcomes: outcomes.map((o) => [o.row, o.outcome]),
    };
  };
  const fromCopy = await report(copy.staged.id);
  const fromInsert = await report(insert.staged.id);
  expect(fromCopy.errors).toEqual(fromInsert.errors);
  expect(fromCopy.rejected).toEqual(fromInsert.rejected);
  // The later upload (insert) finds the copy's figures set: the same values are unchanged there.
  expect(fromCopy.outcomes.map(([row]) => row)).toEqual(fromInsert.outcomes.map(([row]) => row));
  expect(fromCopy.outcomes).toContainEqual([10, "inserted"]);
  expect(fromCopy.errors).toContainEqual([1, "duplicate_row", { row: 10 }]);
});
