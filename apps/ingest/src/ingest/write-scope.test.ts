// The worker applies an upload's rows under its author's scope as it is at apply time: rows staged
// under older, wider regions, or by an author disabled (or a token revoked) since, are refused.
import {
  createApiToken,
  type Db,
  listCurrentObservations,
  listUploadErrors,
  loadProgramDefinitions,
  revokeApiToken,
  updateUser,
} from "@spm/db";
import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import { indexPrograms, type ProgramIndex } from "@spm/kpi";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import { processUpload } from "./process-upload";
import { stageUpload } from "./stage";

const db: Db = createTestDb();
const program = buildProgram({ indicators: [{ disaggregation: "regional" }] });
const [PCT] = program.indicators.map((i) => i.code) as [string];
const now = () => new Date("2026-11-26T08:00:00Z");
let index: ProgramIndex;

beforeAll(async () => {
  await importProgram(db, program, "test");
  const built = indexPrograms(await loadProgramDefinitions(db));
  if (!built.ok) throw new Error("programmes clash");
  index = built.index;
});
afterAll(() => db.destroy());

/** Stages figures for 2020 in the given regions as `principal`, as the API does. */
async function stage(principal: Principal, regions: string[], value: number) {
  const rows = regions.map((region, i) => ({
    row: i + 1,
    raw: { indicator: PCT, period: "2020", region, value: String(value) },
  }));
  return stageUpload(db, index, { kind: "api", dryRun: false, principal, rows });
}

async function outcome(uploadId: string) {
  await processUpload(db, uploadId, { now });
  const errors = await listUploadErrors(db, uploadId, { limit: 100 });
  const figures = await listCurrentObservations(db, { indicator: PCT });
  return {
    errors: errors.map((e) => [e.row, e.code]),
    figures: figures.map((f) => [f.region_code, f.value]),
  };
}

it("refuses rows staged under a user's wider regions, once the regions were narrowed", async () => {
  const user = await createTestUser(db, { role: "steward", regions: ["ZZ-N", "ZZ-S"] });
  const principal: Principal = {
    kind: "user",
    id: user.id,
    name: user.username,
    role: "steward",
    regions: ["ZZ-N", "ZZ-S"],
    owner: user.id,
    confidential: false,
  };
  const upload = await stage(principal, ["ZZ-N", "ZZ-S"], 61);
  await updateUser(db, user.id, { regions: ["ZZ-N"] }, "test", now());
  const result = await outcome(upload.id);
  expect(result.errors).toEqual([[2, "region_forbidden"]]);
  expect(result.figures).toContainEqual(["ZZ-N", 61]);
  expect(result.figures).not.toContainEqual(["ZZ-S", 61]);
});

it("applies nothing of a disabled user's or a revoked token's pending upload", async () => {
  const user = await createTestUser(db, { role: "steward" });
  const asUser: Principal = {
    kind: "user",
    id: user.id,
    name: user.username,
    role: "steward",
    regions: null,
    owner: user.id,
    confidential: false,
  };
  const byUser = await stage(asUser, ["ZZ-N", "ZZ-S"], 62);
  await updateUser(db, user.id, { disabled: true }, "test", now());
  const { info } = await createApiToken(db, { name: "etl", role: "steward" }, "test");
  const asToken: Principal = {
    kind: "token",
    id: info.id,
    name: "etl",
    role: "steward",
    regions: null,
    owner: null,
    confidential: false,
  };
  const byToken = await stage(asToken, ["ZZ-N"], 63);
  await revokeApiToken(db, info.id, "test", now());
  for (const upload of [byUser, byToken]) {
    const result = await outcome(upload.id);
    expect(result.errors.every(([, code]) => code === "author_not_allowed")).toBe(true);
    expect(result.errors).toHaveLength(upload.received);
  }
  const figures = (await listCurrentObservations(db, { indicator: PCT })).map((f) => f.value);
  expect(figures).not.toContain(62);
  expect(figures).not.toContain(63);
});

it("applies a token's pending rows within its creator's rights as they are now", async () => {
  const creator = await createTestUser(db, { role: "steward", regions: ["ZZ-N", "ZZ-S"] });
  const made = await createApiToken(
    db,
    { name: "etl", role: "steward", createdBy: creator.id },
    "test",
  );
  const asToken: Principal = {
    kind: "token",
    id: made.info.id,
    name: "etl",
    role: "steward",
    regions: ["ZZ-N", "ZZ-S"],
    owner: creator.id,
    confidential: false,
  };
  const narrowed = await stage(asToken, ["ZZ-N", "ZZ-S"], 64);
  await updateUser(db, creator.id, { regions: ["ZZ-N"] }, "test", now());
  expect((await outcome(narrowed.id)).errors).toEqual([[2, "region_forbidden"]]);
  const later = await stage(asToken, ["ZZ-N"], 65);
  await updateUser(db, creator.id, { disabled: true }, "test", now());
  expect((await outcome(later.id)).errors).toEqual([[1, "author_not_allowed"]]);
});
