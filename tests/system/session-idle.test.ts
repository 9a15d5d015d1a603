// A session that only polls goes idle (issue 13, finding 20): the pages' `/data-version` poll,
// their self-refresh after new figures (marked by the `spm_bg` cookie) and Next's prefetches
// do not count as activity; a person's page load, navigation or API call does.
import { createTestDb } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiSession } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const IDLE_MINUTES = Number(process.env.SESSION_IDLE_MINUTES ?? 120);
const ROOT_TREE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }]));
let session: { cookie: string; id: string };

beforeAll(async () => {
  session = await apiSession(web, "viewer");
});
afterAll(() => db.destroy());

/** Moves the session's last activity back by `minutes`, as if that long had passed. */
async function idleFor(minutes: number): Promise<Date> {
  const at = new Date(Date.now() - minutes * 60_000);
  await db
    .updateTable("sessions")
    .set({ last_seen_at: at })
    .where("user_id", "=", session.id)
    .execute();
  return at;
}

async function lastSeen(): Promise<number> {
  const row = await db
    .selectFrom("sessions")
    .select("last_seen_at")
    .where("user_id", "=", session.id)
    .executeTakeFirstOrThrow();
  return row.last_seen_at.getTime();
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const cookie = [session.cookie, headers.cookie].filter(Boolean).join("; ");
  // An RSC request carries the router's tree, as the browser's does (here: the root layout).
  const sent: Record<string, string> = { ...headers, cookie };
  if (headers.rsc) sent["next-router-state-tree"] = ROOT_TREE;
  const init = { headers: sent, redirect: "manual" } as const;
  const res = await fetch(`${web}${path}`, init);
  // Next asks an RSC request to carry its cache-busting `_rsc` parameter first.
  const busted = res.headers.get("location") ?? "";
  if (res.status !== 307 || !busted.startsWith(`${path}?_rsc=`)) return res;
  await res.arrayBuffer();
  return fetch(new URL(busted, web), init);
}

describe("what keeps a session from going idle", () => {
  it("not the poll, the self-refresh nor a prefetch", async () => {
    const before = (await idleFor(5)).getTime();
    for (let i = 0; i < 3; i++) expect((await get("/data-version")).status).toBe(200);
    expect(await lastSeen()).toBe(before);
    const refresh = await get("/", { cookie: "spm_bg=1", rsc: "1" });
    expect(refresh.status, refresh.headers.get("location") ?? "").toBe(200);
    await refresh.arrayBuffer();
    expect(await lastSeen()).toBe(before);
    const prefetch = await get("/regions", { rsc: "1", "next-router-prefetch": "1" });
    await prefetch.arrayBuffer();
    expect(await lastSeen()).toBe(before);
  });

  it("so a session that only polls ends after SESSION_IDLE_MINUTES", async () => {
    await idleFor(IDLE_MINUTES - 1);
    expect((await get("/data-version")).status).toBe(200);
    await idleFor(IDLE_MINUTES + 1);
    expect((await get("/data-version")).status).toBe(401);
    expect((await get("/")).status).toBe(307);
  });
});

describe("what a person does counts", () => {
  it.each([
    ["a page load", "/", {}],
    ["a navigation", "/regions", { rsc: "1" }],
    ["an API call", "/api/v1/auth/me", {}],
  ])("%s", async (_what, path, headers: Record<string, string>) => {
    session = await apiSession(web, "viewer");
    const before = (await idleFor(5)).getTime();
    const res = await get(path, headers);
    expect(res.status, res.headers.get("location") ?? "").toBe(200);
    await res.arrayBuffer();
    expect(await lastSeen()).toBeGreaterThan(before + 4 * 60_000);
  });
});
