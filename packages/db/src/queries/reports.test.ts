import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, uniqueSuffix } from "../test/factories";
import {
  createReportGrant,
  endReportGrant,
  findReportGrant,
  findReportPdf,
  storeReportPdf,
} from "./reports";

const db = createTestDb();
afterAll(() => db.destroy());

describe("report grants", () => {
  it("open the report with the permission they carry until they expire or are ended", async () => {
    const now = new Date();
    const args = { actor: `token:${uniqueSuffix()}`, confidential: false, now, ttlMs: 60_000 };
    const id = await createReportGrant(db, args);
    expect(id).toMatch(/^spm_r_/);
    expect(await findReportGrant(db, { id, now })).toEqual({
      actor: args.actor,
      confidential: false,
    });
    const later = new Date(now.getTime() + 61_000);
    expect(await findReportGrant(db, { id, now: later })).toBeUndefined();
    expect(await findReportGrant(db, { id: `${id}x`, now })).toBeUndefined();
    await endReportGrant(db, { id, now });
    expect(await findReportGrant(db, { id, now })).toBeUndefined();
  });

  it("are kept as a hash only", async () => {
    const id = await createReportGrant(db, {
      actor: "user:x",
      confidential: true,
      now: new Date(),
      ttlMs: 1000,
    });
    const stored = await db.selectFrom("report_grants").select("id_hash").execute();
    expect(stored.some((r) => r.id_hash === id)).toBe(false);
  });
});

describe("the report PDF cache", () => {
  const pdf = (bytes: number) => randomBytes(bytes);

  it("drops the PDFs of older data versions and the oldest beyond its byte budget", async () => {
    // A version above any other test's: the older rows go.
    const base = 9_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
    const key = () => `test-${uniqueSuffix()}`;
    const old = key();
    await storeReportPdf(db, {
      key: old,
      dataVersion: String(base),
      bytes: pdf(10),
      budgetBytes: 1000,
    });
    const [a, b, c] = [key(), key(), key()];
    const first = pdf(400);
    await storeReportPdf(db, {
      key: a,
      dataVersion: String(base + 1),
      bytes: first,
      budgetBytes: 1000,
    });
    expect(await findReportPdf(db, old)).toBeUndefined();
    expect((await findReportPdf(db, a))?.equals(first)).toBe(true);
    await storeReportPdf(db, {
      key: b,
      dataVersion: String(base + 1),
      bytes: pdf(400),
      budgetBytes: 1000,
    });
    await storeReportPdf(db, {
      key: c,
      dataVersion: String(base + 1),
      bytes: pdf(400),
      budgetBytes: 1000,
    });
    // 1,200 bytes over a budget of 1,000: the oldest went.
    expect(await findReportPdf(db, a)).toBeUndefined();
    expect(await findReportPdf(db, b)).toBeDefined();
    expect(await findReportPdf(db, c)).toBeDefined();
  });
});
