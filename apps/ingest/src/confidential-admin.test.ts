import {
  createApiToken,
  createUser,
  hashPassword,
  listAudit,
  revokeApiToken,
  updateUser,
} from "@spm/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "./test/harness";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

function call(token: string, method: string, path: string, body?: unknown) {
  return fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function me(token: string): Promise<boolean | undefined> {
  const body = (await (await call(token, "GET", "/auth/me")).json()) as {
    token: { confidential?: boolean };
  };
  return body.token.confidential;
}

describe("the confidential permission of users and tokens", () => {
  it("is off unless given, set and changed through the admin API, audited", async () => {
    const admin = await tokenFor(app.db, "admin");
    const username = `conf-${crypto.randomUUID().slice(0, 8)}`;
    const plain = await call(admin, "POST", "/users", {
      username,
      password: "a long enough password",
      role: "viewer",
    });
    const { user } = (await plain.json()) as { user: { id: string; confidential: boolean } };
    expect(user.confidential).toBe(false);
    const granted = await call(admin, "PATCH", `/users/${user.id}`, { confidential: true });
    expect(((await granted.json()) as { user: { confidential: boolean } }).user.confidential).toBe(
      true,
    );
    const [entry] = await listAudit(app.db, { entityType: "user", entityId: user.id });
    expect(entry).toMatchObject({ action: "user.update" });
    expect(entry?.before).toMatchObject({ confidential: false });
    expect(entry?.after).toMatchObject({ confidential: true });
    const bad = await call(admin, "PATCH", `/users/${user.id}`, { confidential: "yes" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ invalid: [{ field: "confidential" }] });
  });

  it("refuses a token holding the permission its creator lacks, grants it from one who holds it", async () => {
    const without = await tokenFor(app.db, "admin");
    const refused = await call(without, "POST", "/tokens", {
      name: "etl",
      role: "viewer",
      confidential: true,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "confidential_not_held" });
    const withRight = await tokenFor(app.db, "admin", undefined, { confidential: true });
    const made = await call(withRight, "POST", "/tokens", {
      name: "etl",
      role: "viewer",
      confidential: true,
    });
    expect(made.status).toBe(201);
    const { token, info } = (await made.json()) as {
      token: string;
      info: { id: string; confidential: boolean };
    };
    expect(info.confidential).toBe(true);
    expect(await me(token)).toBe(true);
    const patched = await call(without, "PATCH", `/tokens/${info.id}`, { confidential: true });
    expect(patched.status).toBe(403);
    const withdrawn = await call(withRight, "PATCH", `/tokens/${info.id}`, {
      confidential: false,
    });
    expect(withdrawn.status).toBe(200);
    expect(await me(token)).toBe(false);
    const [entry] = await listAudit(app.db, { entityType: "api_token", entityId: info.id });
    expect(entry).toMatchObject({ action: "token.update", after: { confidential: false } });
    await revokeApiToken(app.db, info.id, "test", new Date());
  });

  it("takes the permission from a token when its creator loses it", async () => {
    const creator = await createUser(
      app.db,
      {
        username: `maker-${crypto.randomUUID().slice(0, 8)}`,
        passwordHash: await hashPassword("a long enough password"),
        role: "admin",
        confidential: true,
      },
      "test",
    );
    const { token } = await createApiToken(
      app.db,
      { name: "made", role: "viewer", confidential: true, createdBy: creator.id },
      "test",
    );
    expect(await me(token)).toBe(true);
    await updateUser(app.db, creator.id, { confidential: false }, "test", new Date());
    expect(await me(token)).toBe(false);
  });
});
