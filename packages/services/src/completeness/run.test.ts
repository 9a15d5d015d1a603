import { applyObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnApproval } from "../approvals/run";
import { ServiceError } from "../errors";
import { importProgram } from "../programs/run";
import { programCompleteness } from "./run";

// 2020 of a programme with a national indicator of agency MIN_C (its 2020 figure came with the
// programme file: in, never late) and a regional one of no agency: North's 2020 figure was sent
// on 2021-05-02, after its due date (2021-03-31); South's is missing.
const db = createTestDb();
const base = buildProgram({
  indicators: [
    { history: [{ period: "2020", value: 55, source: "file" }] },
    { disaggregation: "regional" },
  ],
});
const program = {
  ...base,
  agencies: [{ code: "MIN_C", name: { en: "C", ru: "C", kk: "C" } }],
  indicators: base.indicators.map((i, n) => (n === 0 ? { ...i, agency: "MIN_C" } : i)),
};
const regional = program.indicators[1]?.code ?? "";

beforeAll(async () => {
  await importProgram(db, program, "test");
  const upload = await createUploadRow(db);
  await db
    .transaction()
    .execute((trx) =>
      applyObservations(
        trx,
        [{ indicator: regional, region: "ZZ-N", period: "2020", year: 2020, value: 61 }],
        { uploadId: upload.id, uploadSeq: upload.seq, author: "test" },
      ),
    );
  await sql`update observation_revisions set created_at = '2021-05-02T09:00:00Z'
    where upload_id = ${upload.id}::uuid`.execute(db);
});
afterAll(() => db.destroy());

const counts = (
  expected: number,
  due: number,
  received: number,
  late: number,
  overdue: number,
) => ({
  expected,
  due,
  received,
  approved: 0,
  late,
  overdue,
});

describe("programCompleteness", () => {
  it("counts a year by place and by agency, the programme file's figures never late", async () => {
    const got = await programCompleteness(db, {
      program: program.code,
      year: 2020,
      asOf: "2021-06-30",
    });
    expect(got.total).toEqual(counts(3, 3, 2, 1, 1));
    expect(got.byRegion).toEqual([
      { region: "ZZ", counts: counts(1, 1, 1, 0, 0) },
      { region: "ZZ-N", counts: counts(1, 1, 1, 1, 0) },
      { region: "ZZ-S", counts: counts(1, 1, 0, 0, 1) },
    ]);
    expect(got.byAgency).toEqual([
      { agency: "MIN_C", counts: counts(1, 1, 1, 0, 0) },
      { agency: null, counts: counts(2, 2, 1, 1, 1) },
    ]);
  });

  it("counts the received figures of an approved year and place as approved", async () => {
    for (const action of ["submit", "approve"] as const) {
      await actOnApproval(db, {
        request: { program: program.code, year: 2020, region: "ZZ-N", action },
        places: null,
        actor: "test",
        now: new Date("2021-06-01T00:00:00Z"),
      });
    }
    const got = await programCompleteness(db, {
      program: program.code,
      year: 2020,
      asOf: "2021-06-30",
    });
    expect(got.total.approved).toBe(1);
    expect(got.byRegion.find((r) => r.region === "ZZ-N")?.counts.approved).toBe(1);
    expect(got.byRegion.find((r) => r.region === "ZZ")?.counts.approved).toBe(0);
  });

  it("owes nothing before the due dates", async () => {
    const got = await programCompleteness(db, {
      program: program.code,
      year: 2020,
      asOf: "2021-01-15",
    });
    expect(got.total).toMatchObject({ expected: 3, due: 0, overdue: 0, received: 2 });
  });

  it("refuses an unknown programme (not_found) and a year outside it (invalid_input, year)", async () => {
    await expect(
      programCompleteness(db, { program: "NO-SUCH", year: 2020, asOf: "2021-01-01" }),
    ).rejects.toMatchObject({ code: "not_found" });
    const outside = programCompleteness(db, {
      program: program.code,
      year: 2031,
      asOf: "2021-01-01",
    });
    await expect(outside).rejects.toBeInstanceOf(ServiceError);
    await expect(outside).rejects.toMatchObject({
      code: "invalid_input",
      details: [{ path: "year" }],
    });
  });
});
