import { afterAll, expect, it } from "vitest";
import { up as giveTokensAnExpiry } from "../migrations/2026_12_07_1900_token_expiry";
import { createTestDb, uniqueSuffix } from "../test/factories";
import { createApiToken, TOKEN_DEFAULT_DAYS } from "./tokens";

const db = createTestDb();
afterAll(() => db.destroy());

const days = (at: Date | null, from: number) => ((at?.getTime() ?? 0) - from) / 86_400_000;

it("gives a new token TOKEN_DEFAULT_DAYS of life when no expiry is asked for", async () => {
  const now = new Date("2026-03-01T10:00:00Z");
  const { info } = await createApiToken(
    db,
    { name: `t-${uniqueSuffix()}`, role: "viewer", now },
    "test",
  );
  expect(days(info.expiresAt, now.getTime())).toBe(TOKEN_DEFAULT_DAYS);
});

it("gives a live token without an expiry 90 days from the migration, leaves revoked ones", async () => {
  const name = `legacy-${uniqueSuffix()}`;
  const ids = await db
    .insertInto("api_tokens")
    .values([
      { name, token_hash: `h1-${name}`, role: "admin", expires_at: null },
      { name, token_hash: `h2-${name}`, role: "admin", expires_at: null, revoked_at: new Date() },
    ])
    .returning("id")
    .execute();
  const started = Date.now();
  await giveTokensAnExpiry(db);
  const rows = await db
    .selectFrom("api_tokens")
    .select(["id", "expires_at"])
    .where(
      "id",
      "in",
      ids.map((r) => r.id),
    )
    .execute();
  const live = rows.find((r) => r.id === ids[0]?.id);
  const revoked = rows.find((r) => r.id === ids[1]?.id);
  expect(days(live?.expires_at ?? null, started)).toBeCloseTo(90, 2);
  expect(revoked?.expires_at).toBeNull();
});
