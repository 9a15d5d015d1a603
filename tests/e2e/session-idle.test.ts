// In Chromium: the overview's self-refresh after new figures is marked as background (the
// `spm_bg` cookie, set for the refresh alone) and leaves the session's last activity alone; a
// click of the person's own moves it (issue 13, finding 20).
import { advanceDataVersion } from "@spm/db";
import { createTestDb } from "@spm/db/test/factories";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

async function lastSeen(userId: string): Promise<number> {
  const row = await db
    .selectFrom("sessions")
    .select("last_seen_at")
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.last_seen_at.getTime();
}

it("refreshes the overview on new figures without renewing the session; a click renews it", async () => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const errors = collectErrors(page);
  const firstPoll = page.waitForResponse((res) => new URL(res.url()).pathname === "/data-version");
  const { id } = await signIn(page, web, "viewer");
  await firstPoll;
  const before = new Date(Date.now() - 5 * 60_000);
  await db
    .updateTable("sessions")
    .set({ last_seen_at: before })
    .where("user_id", "=", id)
    .execute();

  const refresh = page.waitForResponse(
    (res) => res.request().headers().rsc === "1" && new URL(res.url()).pathname === "/",
    { timeout: 15_000 },
  );
  await db.transaction().execute((trx) => advanceDataVersion(trx));
  const response = await refresh;
  expect(await response.request().headerValue("cookie")).toContain("spm_bg=1");
  // The mark lasts as long as the refresh: gone once the page has its new render.
  const marked = async () => (await context.cookies()).some((c) => c.name === "spm_bg");
  await expect.poll(marked, { timeout: 10_000 }).toBe(false);
  // A few more polls of /data-version: none renews the session either.
  await page.waitForTimeout(2500);
  expect(await lastSeen(id)).toBe(before.getTime());

  await Promise.all([
    page.waitForURL(/\/regions/),
    page.locator('a[href="/regions"]').first().click(),
  ]);
  expect(await lastSeen(id)).toBeGreaterThan(before.getTime() + 4 * 60_000);
  expect(errors).toEqual([]);
  await context.close();
});
