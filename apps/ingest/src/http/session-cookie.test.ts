// The session cookie is Secure whenever the app is served over https: APP_URL https (TLS ends in
// a proxy in front, as in the compose stack), or a trusted proxy's X-Forwarded-Proto: https.
import { createTestUser } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../test/harness";

let plain: TestApp;
let behindTls: TestApp;
let untrusting: TestApp;

beforeAll(async () => {
  [plain, behindTls, untrusting] = await Promise.all([
    startTestApp({ appUrl: "http://localhost:3000" }),
    startTestApp({ appUrl: "https://monitor.example.kz" }),
    startTestApp({ appUrl: "http://localhost:3000", trustedProxies: [] }),
  ]);
});
afterAll(() => Promise.all([plain?.close(), behindTls?.close(), untrusting?.close()]));

async function signInCookie(app: TestApp, headers: Record<string, string> = {}): Promise<string> {
  const user = await createTestUser(app.db, { role: "viewer" });
  const res = await fetch(`${app.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url, ...headers },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().find((c) => c.startsWith("spm_session=")) ?? "";
}

async function signOutCookie(app: TestApp, cookie: string): Promise<string> {
  const res = await fetch(`${app.url}/api/v1/auth/logout`, {
    method: "POST",
    headers: { origin: app.url, cookie: cookie.split(";")[0] ?? "" },
  });
  expect(res.status).toBe(204);
  return res.headers.getSetCookie().find((c) => c.startsWith("spm_session=")) ?? "";
}

describe("session cookie Secure flag", () => {
  it("is Secure when APP_URL is https, at sign-in and sign-out, whatever the hop says", async () => {
    const cookie = await signInCookie(behindTls);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(await signOutCookie(behindTls, cookie)).toMatch(/;\s*Secure/i);
  });

  it("is Secure when the trusted forwarder says https, and not over plain http", async () => {
    expect(await signInCookie(plain)).not.toMatch(/;\s*Secure/i);
    // The harness connects from loopback, trusted by default (the dashboard's forwarder).
    expect(await signInCookie(plain, { "x-forwarded-proto": "https" })).toMatch(/;\s*Secure/i);
  });

  it("ignores X-Forwarded-Proto from a peer that is not a trusted proxy", async () => {
    const cookie = await signInCookie(untrusting, { "x-forwarded-proto": "https" });
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});
