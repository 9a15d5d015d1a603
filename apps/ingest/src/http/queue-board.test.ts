// The queue board (Bull Board, reached through the dashboard's origin) shows the queues to admins
// and changes nothing: a cross-site request with the admin's cookie is refused like any other
// (CSRF), and a write action is refused even from the app's own origin or with a token.
import { createTestUser } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

let app: TestApp;
let adminCookie: string;

beforeAll(async () => {
  app = await startTestApp();
  const admin = await createTestUser(app.db, { role: "admin" });
  const res = await fetch(`${app.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ username: admin.username, password: admin.password }),
  });
  adminCookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});
afterAll(() => app?.close());

const board = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}/admin/queues${path}`, { redirect: "manual", ...init });

async function pausedQueues(): Promise<string[]> {
  const res = await board("/api/queues", { headers: { cookie: adminCookie } });
  expect(res.status).toBe(200);
  const { queues } = (await res.json()) as {
    queues: { name: string; isPaused: boolean; readOnlyMode: boolean }[];
  };
  expect(queues.length).toBeGreaterThan(0);
  expect(queues.every((q) => q.readOnlyMode)).toBe(true);
  return queues.filter((q) => q.isPaused).map((q) => q.name);
}

describe("queue board", () => {
  it("shows the queues to an admin, read-only, under a policy of its own", async () => {
    const page = await board("/", { headers: { cookie: adminCookie } });
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await pausedQueues()).toEqual([]);
  });

  it("refuses a cross-site write that carries the admin's cookie (403)", async () => {
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      {},
    ];
    for (const headers of crossSite) {
      const res = await board("/api/queues/pause", {
        method: "PUT",
        headers: { cookie: adminCookie, ...headers },
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toBe("cross-site request refused");
    }
    const post = await board("/api/queues/pause", {
      method: "POST",
      headers: { cookie: adminCookie, origin: "https://evil.example" },
    });
    expect(post.status).toBe(403);
    expect(await pausedQueues()).toEqual([]);
  });

  it("refuses every write action, even an admin's from the app's own origin or with a token", async () => {
    const token = await tokenFor(app.db, "admin");
    const callers: Record<string, string>[] = [
      { cookie: adminCookie, origin: app.url },
      { authorization: `Bearer ${token}` },
    ];
    for (const headers of callers) {
      for (const path of ["/api/queues/pause", "/api/queues/uploads/retry/failed"]) {
        const res = await board(path, { method: "PUT", headers });
        expect(res.status).toBe(403);
        expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
        expect(((await res.json()) as { code: string }).code).toBe("queue_board_read_only");
      }
    }
    expect(await pausedQueues()).toEqual([]);
  });
});
