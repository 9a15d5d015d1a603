// X-Forwarded-For written by the client is not its address: the dashboard's forwarder passes on
// the address that connected (no proxy is trusted in front of it here), so the session, the audit
// log and the sign-in limiter see the real peer (issue 13, finding 6).
import { createTestDb, createTestUser } from "@spm/db/test/factories";
import { afterAll, describe, expect, inject, it } from "vitest";

const web = inject("webUrl");
const db = createTestDb();

afterAll(async () => {
  await db.destroy();
});

function login(username: string, password: string, forwardedFor: string) {
  return fetch(`${web}/api/v1/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": forwardedFor,
      "x-real-ip": forwardedFor,
      forwarded: `for=${forwardedFor}`,
    },
    body: JSON.stringify({ username, password }),
  });
}

describe("the client's address", () => {
  it("is the address that connected, not the one the client wrote", async () => {
    const user = await createTestUser(db, { role: "viewer" });
    expect((await login(user.username, user.password, "203.0.113.66")).status).toBe(200);
    const sessions = await db
      .selectFrom("sessions")
      .select("ip")
      .where("user_id", "=", user.id)
      .execute();
    expect(sessions.map((s) => s.ip)).toEqual([expect.stringMatching(/127\.0\.0\.1$|^::1$/)]);
  });

  it("cannot be changed at each try to get past the sign-in limiter", async () => {
    const user = await createTestUser(db, { role: "admin" });
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push((await login(user.username, "guess", `198.51.100.${i + 1}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
