import { afterAll, describe, expect, it } from "vitest";
import { hashSecret } from "../auth/secrets";
import { createTestDb, createTestUser } from "../test/factories";
import { hasDemoData } from "./demo";
import {
  createSession,
  findPageReader,
  findSessionUser,
  revokeSession,
  type SessionPolicy,
} from "./sessions";
import { currentDataVersion } from "./status-work";

const db = createTestDb();
afterAll(() => db.destroy());

const policy: SessionPolicy = { idleMinutes: 30, absoluteHours: 8 };
const t0 = new Date("2026-12-07T10:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

async function lastSeen(id: string): Promise<Date> {
  const row = await db
    .selectFrom("sessions")
    .select("last_seen_at")
    .where("id_hash", "=", hashSecret(id))
    .executeTakeFirstOrThrow();
  return new Date(row.last_seen_at);
}

describe("the page cache's reader (findPageReader) and findSessionUser agree", () => {
  it("finds a live session's role with the data version and demo flag in one answer", async () => {
    const user = await createTestUser(db, { role: "manager" });
    const { id } = await createSession(db, { userId: user.id, policy, now: t0 });
    // Other tests move the data version and load demo data meanwhile: read both around it.
    const before = { version: await currentDataVersion(db), demo: await hasDemoData(db) };
    const found = await findPageReader(db, { id, policy, now: minutes(5) });
    const after = { version: await currentDataVersion(db), demo: await hasDemoData(db) };
    expect(found.role).toBe("manager");
    expect(found.confidential).toBe(false);
    expect(Number(found.dataVersion)).toBeGreaterThanOrEqual(Number(before.version));
    expect(Number(found.dataVersion)).toBeLessThanOrEqual(Number(after.version));
    if (before.demo === after.demo) expect(found.demo).toBe(before.demo);
    expect((await findSessionUser(db, { id, policy, now: minutes(5) }))?.role).toBe("manager");
  });

  it("refuses, as findSessionUser does, a session that is idle, expired, revoked or whose user is disabled", async () => {
    const user = await createTestUser(db, { role: "viewer" });
    const cases: Array<[string, (id: string) => Promise<Date>]> = [
      ["idle past the limit", async () => minutes(31)],
      ["past its absolute expiry", async () => minutes(8 * 60 + 1)],
      [
        "revoked",
        async (id) => {
          await revokeSession(db, id, minutes(1));
          return minutes(2);
        },
      ],
    ];
    for (const [why, arrange] of cases) {
      const { id } = await createSession(db, { userId: user.id, policy, now: t0 });
      const now = await arrange(id);
      const found = await findPageReader(db, { id, policy, now });
      expect({ why, role: found.role }).toEqual({ why, role: null });
      expect(Number(found.dataVersion)).toBeGreaterThan(0);
      expect(await findSessionUser(db, { id, policy, now })).toBeUndefined();
    }
    const { id } = await createSession(db, { userId: user.id, policy, now: t0 });
    await db
      .updateTable("users")
      .set({ disabled_at: minutes(1) })
      .where("id", "=", user.id)
      .execute();
    expect((await findPageReader(db, { id, policy, now: minutes(2) })).role).toBeNull();
    expect(await findSessionUser(db, { id, policy, now: minutes(2) })).toBeUndefined();
    expect((await findPageReader(db, { id: "spm_s_unknown", policy, now: t0 })).role).toBeNull();
  });

  it("records activity at most once a minute, so a reader who keeps reading stays signed in", async () => {
    const user = await createTestUser(db, { role: "viewer" });
    const { id } = await createSession(db, { userId: user.id, policy, now: t0 });
    await findPageReader(db, { id, policy, now: minutes(0.5) });
    expect(await lastSeen(id)).toEqual(t0);
    await findPageReader(db, { id, policy, now: minutes(20) });
    expect(await lastSeen(id)).toEqual(minutes(20));
    // 45 minutes after the start but 25 after the last page: still live.
    expect((await findPageReader(db, { id, policy, now: minutes(45) })).role).toBe("viewer");
  });
});
