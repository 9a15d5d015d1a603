import { createApiToken, revokeApiToken } from "@spm/db";
import { createTestUser } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "./test/harness";

let app: TestApp;
let clock = new Date("2026-01-10T09:00:00Z");
const secrets: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
});
afterAll(() => app?.close());

async function login(username: string, password: string, cookie?: string) {
  return fetch(`${app.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password }),
  });
}

function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("spm_session="));
  if (!set) throw new Error("no session cookie set");
  const value = set.split(";")[0] ?? "";
  secrets.push(value.slice("spm_session=".length));
  return value;
}

const me = (headers: Record<string, string>) => fetch(`${app.url}/api/v1/auth/me`, { headers });

describe("sessions", () => {
  it("signs in with an httpOnly SameSite=Lax cookie, and sign-out really ends the session", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    secrets.push(user.password);
    const res = await login(user.username, user.password);
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookie(res);
    expect((await me({ cookie })).status).toBe(200);
    const out = await fetch(`${app.url}/api/v1/auth/logout`, {
      method: "POST",
      headers: { cookie, origin: app.url },
    });
    expect(out.status).toBe(204);
    expect((await me({ cookie })).status).toBe(401);
  });

  it("issues a new session id at sign-in, so a planted id never becomes signed in", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    secrets.push(user.password);
    const planted = "spm_session=spm_s_attacker-chosen-value";
    const res = await login(user.username, user.password, planted);
    expect(sessionCookie(res)).not.toBe(planted);
    expect((await me({ cookie: planted })).status).toBe(401);
  });

  it("ends a session after the idle time and after the absolute lifetime", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    secrets.push(user.password);
    const cookie = sessionCookie(await login(user.username, user.password));
    clock = new Date(clock.getTime() + 29 * 60_000);
    expect((await me({ cookie })).status).toBe(200); // activity renews the idle window
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect((await me({ cookie })).status).toBe(401);
    const second = sessionCookie(await login(user.username, user.password));
    for (let i = 0; i < 28; i++) {
      clock = new Date(clock.getTime() + 25 * 60_000);
      await me({ cookie: second });
    }
    expect((await me({ cookie: second })).status).toBe(200); // 11 h 40 min, active throughout
    clock = new Date(clock.getTime() + 25 * 60_000);
    expect((await me({ cookie: second })).status).toBe(401); // 12 h 5 min after sign-in: past the absolute lifetime
  });
});

describe("sign-in errors and limits", () => {
  it("answers a wrong password and an unknown user identically", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    secrets.push(user.password);
    const wrong = await login(user.username, "not the password");
    const unknown = await login(`nobody-${user.username}`, "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("blocks an account after five failures with a clear 'try again in N s'", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    secrets.push(user.password);
    for (let i = 0; i < 5; i++) expect((await login(user.username, "guess")).status).toBe(401);
    const blocked = await login(user.username, user.password);
    expect(blocked.status).toBe(429);
    const retry = Number(blocked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    const body = (await blocked.json()) as { detail: string };
    expect(body.detail).toBe(`too many failed sign-ins; try again in ${retry} s`);
  });
});

describe("API tokens", () => {
  it("accepts a live token and refuses expired and revoked ones with 401", async () => {
    const live = await tokenFor(app.db, "viewer");
    secrets.push(live);
    expect((await me({ authorization: `Bearer ${live}` })).status).toBe(200);
    const expired = await createApiToken(
      app.db,
      { name: "expired", role: "viewer", expiresAt: new Date(clock.getTime() - 1000) },
      "test",
    );
    secrets.push(expired.token);
    expect((await me({ authorization: `Bearer ${expired.token}` })).status).toBe(401);
    const revoked = await createApiToken(app.db, { name: "revoked", role: "viewer" }, "test");
    secrets.push(revoked.token);
    expect((await me({ authorization: `Bearer ${revoked.token}` })).status).toBe(200);
    await revokeApiToken(app.db, revoked.info.id, "test", clock);
    expect((await me({ authorization: `Bearer ${revoked.token}` })).status).toBe(401);
  });
});

describe("cross-site requests", () => {
  it("refuses a cookie-authenticated write from another origin, and allows the app's own", async () => {
    const admin = await createTestUser(app.db, { role: "admin" });
    secrets.push(admin.password);
    const cookie = sessionCookie(await login(admin.username, admin.password));
    const post = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/v1/tokens`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "csrf", role: "admin" }),
      });
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    const own = await post({ origin: app.url });
    expect(own.status).toBe(201);
    secrets.push(((await own.json()) as { token: string }).token);
  });

  it("answers an oversized body with 413 problem+json", async () => {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "x", password: "y".repeat(6 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });
});

describe("logs", () => {
  it("never contain a password, a token or a session id", () => {
    expect(secrets.length).toBeGreaterThan(8);
    const text = app.logs.join("");
    expect(text.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      const line = app.logs.find((l) => l.includes(secret));
      expect(line ?? "", "a log line holds a secret").toBe("");
    }
  });
});
