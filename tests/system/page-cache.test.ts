// The dashboard's page cache (apps/web/server.ts), tried through the dashboard's origin as
// readers reach it: a page is rendered once per set of inputs and replayed byte for byte, and
// never outlives what it shows — new figures, another role or language, a session that ended.
// Pages hold nothing of one reader's own: the name and notices come through /data-version.
import { randomUUID } from "node:crypto";
import type { Role } from "@spm/db";
import { createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { figureKey, monthlyProgram } from "../figures";
import { apiSession, settleStatusWork, tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const { program, codes } = monthlyProgram(2);

async function signInAs(role: Role, lang = "en"): Promise<{ cookie: string; id: string }> {
  const { cookie, id } = await apiSession(web, role);
  return { cookie: `${cookie}; spm_lang=${lang}`, id };
}

async function page(cookie: string, path = `/?program=${program.code}`) {
  const res = await fetch(`${web}${path}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, cache: res.headers.get("x-spm-cache"), body: await res.text() };
}

/** Reads the page until `until` holds (each read after new data is a new render). */
async function pageUntil(cookie: string, until: (body: string) => boolean) {
  for (let i = 0; i < 100; i++) {
    const read = await page(cookie);
    if (until(read.body)) return read;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the page never showed what was expected");
}

beforeAll(async () => {
  await importProgram(db, program, "test");
});
// Each test starts with the worker idle: a data version moving under it would be a miss.
beforeEach(settleStatusWork);

afterAll(async () => {
  await db.destroy();
});

describe("the dashboard's page cache", () => {
  it("renders a page once and replays the same bytes to the same reader", async () => {
    const { cookie } = await signInAs("viewer");
    let first = await page(cookie);
    let second = await page(cookie);
    // Other tests' figures may move the data version in between (a new render): read until a
    // render is replayed.
    for (let i = 0; i < 40 && second.cache !== "hit"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      first = await page(cookie);
      second = await page(cookie);
    }
    expect(first.status).toBe(200);
    expect(first.body).toContain(`data-indicator="${codes[0]}"`);
    expect(second.cache).toBe("hit");
    expect(second.body).toBe(first.body);
  });

  it("gives each role and each language its own page", async () => {
    const viewer = await signInAs("viewer");
    const manager = await signInAs("manager");
    const kazakh = await signInAs("viewer", "kk");
    for (const reader of [viewer, manager, kazakh]) await page(reader.cookie);
    const [v, m, k] = await Promise.all([viewer, manager, kazakh].map((r) => page(r.cookie)));
    expect(v?.body).not.toContain('href="/alerts"');
    expect(m?.body).toContain('href="/alerts"');
    expect(v?.body).toContain('<html lang="en"');
    expect(k?.body).toContain('<html lang="kk"');
    expect(m?.cache).toBe("hit");
    expect(k?.cache).toBe("hit");
  });

  it("never replays a page to a session that has ended", async () => {
    const { cookie } = await signInAs("viewer");
    expect((await page(cookie)).status).toBe(200);
    expect((await page(cookie)).cache).toBe("hit");
    const out = await fetch(`${web}/api/v1/auth/logout`, {
      method: "POST",
      headers: { cookie, origin: web },
    });
    expect(out.status).toBe(204);
    const after = await page(cookie);
    expect(after.status).toBe(307);
    expect(after.cache).toBeNull();
    expect(after.body).not.toContain(`data-indicator="${codes[0]}"`);
  });

  it("renders again once new figures are applied, showing them", async () => {
    const { cookie } = await signInAs("viewer");
    await page(cookie);
    expect((await page(cookie)).cache).toBe("hit");
    const steward = await tokenFor("steward");
    const key = figureKey(codes, 0);
    const res = await fetch(`${web}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${steward}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ ...key, region: undefined, value: 777 }] }),
    });
    expect(res.status).toBe(202);
    const shown = await pageUntil(cookie, (body) => body.includes(`777 (${key.period})`));
    expect(shown.cache).toBe("miss");
    // Once the worker is done (alerts may move the version once more), it is kept again.
    await settleStatusWork();
    await page(cookie);
    expect((await page(cookie)).cache).toBe("hit");
  });

  it("shares one render among readers of one role, holding nothing of either's own", async () => {
    const one = await signInAs("steward");
    const other = await signInAs("steward");
    const first = await page(one.cookie);
    const second = await page(other.cookie);
    expect(second.cache).toBe("hit");
    expect(second.body).toBe(first.body);
    for (const user of await db.selectFrom("users").select("username").execute()) {
      expect(first.body).not.toContain(`>${user.username}<`);
    }
  });

  it("gives each reader their own name and notices through /data-version", async () => {
    const { cookie, id } = await signInAs("manager");
    const live = async () => {
      const res = await fetch(`${web}/data-version`, { headers: { cookie } });
      expect(res.headers.get("cache-control")).toBe("no-store");
      return (await res.json()) as { version: string; reader: { name: string; unread: number } };
    };
    const before = await live();
    const user = await db
      .selectFrom("users")
      .select(["username", "display_name"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(before.reader).toEqual({ name: user.display_name ?? user.username, unread: 0 });
    await db
      .insertInto("notifications")
      .values({
        dedupe_key: `test:${randomUUID()}`,
        kind: "firing",
        channel: "in_app",
        alert_id: null,
        user_id: id,
        address: null,
        lang: "en",
        payload: JSON.stringify({}),
        status: "unread",
        message: null,
        last_error: null,
        sent_at: null,
        read_at: null,
      })
      .execute();
    expect((await live()).reader.unread).toBe(1);
    expect((await fetch(`${web}/data-version`)).status).toBe(401);
  });
});
