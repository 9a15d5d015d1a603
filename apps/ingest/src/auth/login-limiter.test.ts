// The sign-in limiter counts every try before the password is checked, atomically, and a
// stranger cannot lock an account out of sign-in (issue 13, finding 7).
import { createTestUser } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../test/harness";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

function login(username: string, password: string, from?: string) {
  return fetch(`${app.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(from ? { "x-forwarded-for": from } : {}) },
    body: JSON.stringify({ username, password }),
  });
}

describe("the sign-in limiter", () => {
  it("checks exactly five of sixteen concurrent wrong passwords for one account", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => login(user.username, "guess").then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 401)).toHaveLength(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(11);
  });

  it("does not lock an account out for others after five wrong passwords from one address", async () => {
    const user = await createTestUser(app.db, { role: "admin" });
    // The harness's API trusts the loopback proxy, as the dashboard's forwarder reaches it.
    for (let i = 0; i < 5; i++)
      expect((await login(user.username, "guess", "203.0.113.7")).status).toBe(401);
    expect((await login(user.username, user.password, "203.0.113.7")).status).toBe(429);
    expect((await login(user.username, user.password, "198.51.100.20")).status).toBe(200);
  });
});
