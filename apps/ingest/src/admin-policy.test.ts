// Issue 13, findings 15, 17 and 19 on the API: a token ends with its creator's rights and after
// 90 days by default; weak passwords are refused with a localized 422 saying why; an empty
// regions list is refused everywhere (absent or null means every region).
import { createTestUser } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "./test/harness";

let app: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  admin = { authorization: `Bearer ${await tokenFor(app.db, "admin")}` };
  // Another active admin, so disabling or demoting a test's creator is never the last one.
  await createTestUser(app.db, { role: "admin" });
});
afterAll(() => app?.close());

function call(method: string, path: string, body: unknown, headers = admin) {
  return fetch(`${app.url}/api/v1/${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Signs a new admin in and returns its id and session cookie (with the app's own origin). */
async function signedInAdmin(): Promise<{ id: string; headers: Record<string, string> }> {
  const user = await createTestUser(app.db, { role: "admin" });
  const res = await fetch(`${app.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  return { id: user.id, headers: { cookie, origin: app.url } };
}

async function tokenBy(
  headers: Record<string, string>,
  role: string,
): Promise<Record<string, string>> {
  const res = await call("POST", "tokens", { name: "made by a person", role }, headers);
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

const users = (headers: Record<string, string>) =>
  fetch(`${app.url}/api/v1/users`, { headers }).then((r) => r.status);

describe("a token holds no more than its creator holds now", () => {
  it("stops working when its creator is disabled", async () => {
    const creator = await signedInAdmin();
    const token = await tokenBy(creator.headers, "admin");
    expect(await users(token)).toBe(200);
    expect((await call("PATCH", `users/${creator.id}`, { disabled: true })).status).toBe(200);
    expect(await users(token)).toBe(401);
  });

  it("stops working above the role its creator was lowered to, and keeps working below", async () => {
    const creator = await signedInAdmin();
    const adminToken = await tokenBy(creator.headers, "admin");
    const viewerToken = await tokenBy(creator.headers, "viewer");
    expect((await call("PATCH", `users/${creator.id}`, { role: "steward" })).status).toBe(200);
    expect(await users(adminToken)).toBe(401);
    const me = await fetch(`${app.url}/api/v1/auth/me`, { headers: viewerToken });
    expect(me.status).toBe(200);
  });

  it("writes only the regions its creator may write now", async () => {
    const creator = await signedInAdmin();
    const token = await tokenBy(creator.headers, "steward");
    const regions = async () => {
      const me = await fetch(`${app.url}/api/v1/auth/me`, { headers: token });
      return ((await me.json()) as { token: { regions: string[] | null } }).token.regions;
    };
    expect(await regions()).toBeNull();
    const limit = await call("PATCH", `users/${creator.id}`, { regions: ["KZ-ALA", "KZ-AST"] });
    expect(limit.status).toBe(200);
    expect(await regions()).toEqual(["KZ-ALA", "KZ-AST"]);
  });

  it("made by a token, answers to the person behind that token", async () => {
    const creator = await signedInAdmin();
    const parent = await tokenBy(creator.headers, "admin");
    const child = await tokenBy(parent, "admin");
    expect((await call("PATCH", `users/${creator.id}`, { disabled: true })).status).toBe(200);
    expect(await users(child)).toBe(401);
  });
});

describe("token lifetime", () => {
  it("is 90 days when none is asked for, and at most 365", async () => {
    const started = Date.now();
    const res = await call("POST", "tokens", { name: "default life", role: "viewer" });
    const { info } = (await res.json()) as { info: { expiresAt: string } };
    const days = (Date.parse(info.expiresAt) - started) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);
    const tooLong = new Date(started + 366 * 86_400_000).toISOString();
    const refused = await call("POST", "tokens", { name: "x", role: "viewer", expiresAt: tooLong });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: "token_expiry_too_late",
      invalid: [{ field: "expiresAt" }],
    });
    const past = await call("POST", "tokens", {
      name: "x",
      role: "viewer",
      expiresAt: "2020-01-01",
    });
    expect(past.status).toBe(422);
  });
});

describe("password policy", () => {
  const newUser = (password: string, username = `pw-${crypto.randomUUID().slice(0, 8)}`) => ({
    username,
    password,
    role: "viewer",
  });

  it.each([
    ["aaaaaaaaaaaa", "password_repeats"],
    ["password12", "password_too_short"],
    ["1234567890", "password_too_short"],
    ["password1234", "password_common"],
    ["123456789012", "password_common"],
  ])("refuses %s with a 422 saying why (%s)", async (password, code) => {
    const res = await call("POST", "users", newUser(password));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; invalid: { field: string }[] };
    expect(body.code).toBe(code);
    expect(body.invalid[0]?.field).toBe("password");
  });

  it("refuses the username as the password", async () => {
    const username = `dinara-${crypto.randomUUID().slice(0, 8)}`;
    const res = await call("POST", "users", newUser(username, username));
    expect(await res.json()).toMatchObject({ code: "password_contains_name" });
  });

  it("says why in the reader's language: the dashboard's choice, then Accept-Language", async () => {
    const ru = await call("POST", "users", newUser("aaaaaaaaaaaa"), {
      ...admin,
      "accept-language": "ru-RU,ru;q=0.9",
    });
    expect(((await ru.json()) as { detail: string }).detail).toMatch(/^Пароль легко угадать/);
    const kk = await call("POST", "users", newUser("short"), {
      ...admin,
      "accept-language": "ru",
      cookie: "spm_lang=kk",
    });
    const body = (await kk.json()) as { detail: string; messages: Record<string, string> };
    expect(body.detail).toBe("Құпиясөз тым қысқа: кемінде 12 таңба керек.");
    expect(body.messages.en).toBe("The password is too short: use at least 12 characters.");
  });

  it("refuses a weak new password of an existing user and keeps the old one", async () => {
    const user = await createTestUser(app.db, { role: "viewer" });
    const res = await call("PATCH", `users/${user.id}`, { password: `${user.username}!` });
    expect(await res.json()).toMatchObject({ status: 422, code: "password_contains_name" });
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(login.status).toBe(200);
  });

  it("takes a long passphrase", async () => {
    const res = await call("POST", "users", newUser("copper kettle under the bridge"));
    expect(res.status).toBe(201);
  });
});

describe("an empty regions list is refused everywhere; null means every region", () => {
  it.each([
    [
      "POST",
      "users",
      { username: "nowhere-user", password: "a long enough password", role: "steward" },
    ],
    ["POST", "tokens", { name: "nowhere", role: "steward" }],
  ])("%s /%s", async (method, path, body) => {
    const res = await call(method, path, { ...body, regions: [] });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: "regions_empty",
      invalid: [{ field: "regions" }],
    });
  });

  it("PATCH /users/:id", async () => {
    const user = await createTestUser(app.db, { role: "steward", regions: ["KZ-ALA"] });
    const empty = await call("PATCH", `users/${user.id}`, { regions: [] });
    expect(empty.status).toBe(422);
    const all = await call("PATCH", `users/${user.id}`, { regions: null });
    expect(((await all.json()) as { user: { regions: null } }).user.regions).toBeNull();
  });
});
