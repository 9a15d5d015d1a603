import { createApiToken, type Role } from "@spm/db";
import { createTestDb, createTestUser } from "@spm/db/test/factories";
import type { Page } from "playwright-core";

const db = createTestDb();

/** A Bearer token of the given role, created directly in the test database. */
export async function tokenFor(
  role: Role,
  regions?: string[],
  options: { confidential?: boolean } = {},
): Promise<string> {
  const { token } = await createApiToken(
    db,
    { name: `system test ${role}`, role, regions, confidential: options.confidential },
    "test",
  );
  return token;
}

/**
 * Creates a user of the given role (and regions) and signs in through the dashboard's API: its
 * cookie and id.
 */
export async function apiSession(
  webUrl: string,
  role: Role,
  options: { regions?: string[]; confidential?: boolean } = {},
): Promise<{ cookie: string; id: string }> {
  const user = await createTestUser(db, {
    role,
    regions: options.regions,
    confidential: options.confidential,
  });
  const res = await fetch(`${webUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "", id: user.id };
}

/** Creates a user of the given role, signs in through the dashboard's sign-in page, returns it. */
export async function signIn(
  page: Page,
  webUrl: string,
  role: Role,
): Promise<{ id: string; username: string }> {
  const user = await createTestUser(db, { role });
  await page.goto(`${webUrl}/login`);
  await page.fill('input[name="username"]', user.username);
  await page.fill('input[name="password"]', user.password);
  await Promise.all([page.waitForURL(`${webUrl}/`), page.click('button[type="submit"]')]);
  return { id: user.id, username: user.username };
}

/** Waits until the worker has no status work left (the data version then stays put). */
export async function settleStatusWork(): Promise<void> {
  for (let quiet = 0, i = 0; quiet < 3 && i < 300; i++) {
    const pending = await db
      .selectFrom("status_work")
      .select("id")
      .where("done_at", "is", null)
      .limit(1)
      .execute();
    quiet = pending.length === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}
