import { findUserByUsername } from "@spm/db";
import { createTestDb, createTestUser, uniqueSuffix } from "@spm/db/test/factories";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const api = inject("apiUrl");
const db = createTestDb();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

/** A fresh admin signs in through the sign-in form and lands on `next`. */
async function signInAsAdmin(context: BrowserContext, next: string) {
  const admin = await createTestUser(db, { role: "admin" });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${web}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name="username"]', admin.username);
  await page.fill('input[name="password"]', admin.password);
  await Promise.all([page.waitForURL(`${web}${next}`), page.click('button[type="submit"]')]);
  return { page, admin, errors };
}

async function createSteward(page: Page, username: string) {
  const form = page.locator('form[data-form="user-create"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(`pw-${uniqueSuffix()}-long-enough`);
  await form.locator('select[name="role"]').selectOption("steward");
  await form.locator('input[name="regions"][value="KZ-ALA"]').check();
  await form.locator('button[type="submit"]').click();
}

describe("administration pages in Chromium", () => {
  it("creates, shows and disables a region-limited steward", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const { page, errors } = await signInAsAdmin(context, "/admin/users");
    const username = `steward-ui-${uniqueSuffix().toLowerCase()}`;
    await createSteward(page, username);

    const row = page.locator(`tr[data-username="${username}"]`);
    await row.waitFor();
    expect(await row.locator("[data-role]").getAttribute("data-role")).toBe("steward");
    expect(await row.locator("[data-regions]").getAttribute("data-regions")).toBe("KZ-ALA");
    expect(await row.locator("[data-status]").getAttribute("data-status")).toBe("active");
    expect((await findUserByUsername(db, username))?.regions).toEqual(["KZ-ALA"]);

    // The same username again: the API's 409 is shown next to the form.
    await createSteward(page, username);
    await page
      .locator('form[data-form="user-create"] [role="alert"][data-problem-status="409"]')
      .waitFor();

    // Edit: disable the account in the dialog.
    await row.getByRole("button", { name: `Edit user ${username}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('input[name="disabled"]').check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.locator(`tr[data-username="${username}"] [data-status="disabled"]`).waitFor();
    expect((await findUserByUsername(db, username))?.disabled_at).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says in the reader's language why a weak password is refused", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    await context.addCookies([{ name: "spm_lang", value: "kk", url: web }]);
    const { page } = await signInAsAdmin(context, "/admin/users");
    const username = `weak-ui-${uniqueSuffix().toLowerCase()}`;
    const form = page.locator('form[data-form="user-create"]');
    await form.locator('input[name="username"]').fill(username);
    await form.locator('input[name="password"]').fill("password1234");
    await form.locator('button[type="submit"]').click();
    const alert = form.locator('[role="alert"][data-problem-status="422"]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(
      "Құпиясөзді табу оңай: бұл жиі қолданылатын құпиясөз немесе сөз.",
    );
    expect(await findUserByUsername(db, username)).toBeUndefined();
    await context.close();
  });

  it("grants the confidential permission in the edit dialog and shows it, audited", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const { page, errors } = await signInAsAdmin(context, "/admin/users");
    const username = `steward-ui-${uniqueSuffix().toLowerCase()}`;
    await createSteward(page, username);
    const row = page.locator(`tr[data-username="${username}"]`);
    await row.waitFor();
    expect(await row.locator("[data-confidential]").getAttribute("data-confidential")).toBe(
      "false",
    );
    await row.getByRole("button", { name: `Edit user ${username}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('input[name="confidential"]').check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.locator(`tr[data-username="${username}"] [data-confidential="true"]`).waitFor();
    const user = await findUserByUsername(db, username);
    expect(user?.confidential).toBe(true);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", user?.id ?? "")
      .where("action", "=", "user.update")
      .execute();
    expect(audit.map((a) => a.after)).toContainEqual(
      expect.objectContaining({ confidential: true }),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a new token's secret once, revokes it, and the revocation is audited", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const { page, admin, errors } = await signInAsAdmin(context, "/admin/tokens");
    const name = `ui token ${uniqueSuffix()}`;
    const form = page.locator('form[data-form="token-create"]');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="role"]').selectOption("viewer");
    await form.locator('button[type="submit"]').click();

    const secretField = page.locator("[data-token-secret]");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^spm_t/);
    await expect(page.locator("[data-token-secret-panel]").textContent()).resolves.toMatch(
      /will not see it again/,
    );
    const row = page.locator(`tr[data-token-name="${name}"]`);
    await row.waitFor();
    const tokenId = await row.getAttribute("data-token-id");
    expect(tokenId).toBeTruthy();

    const me = () =>
      fetch(`${api}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await me()).status).toBe(200);

    // Shown once: a fresh load of the page never contains the secret.
    await page.reload();
    expect(await page.locator("[data-token-secret]").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    await row.locator("[data-confirm-revoke]").click();
    await page.locator(`tr[data-token-id="${tokenId}"][data-status="revoked"]`).waitFor();
    expect((await me()).status).toBe(401);

    await page.goto(`${web}/admin/audit`);
    const filter = page.locator('form[data-form="audit-filter"]');
    await filter.locator('select[name="entityType"]').selectOption("api_token");
    await filter.locator('input[name="entityId"]').fill(tokenId ?? "");
    await Promise.all([page.waitForURL(/entityType=api_token/), filter.locator("button").click()]);
    await saveScreenshot(page, "admin-audit");
    const entry = page.locator(`tr[data-action="token.revoke"][data-entity-id="${tokenId}"]`);
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(admin.username);
    expect(await page.locator('tr[data-action="token.create"]').count()).toBe(1);

    // The same page in Russian.
    await context.addCookies([{ name: "spm_lang", value: "ru", url: web }]);
    await page.reload();
    await expect(page.locator("h1").textContent()).resolves.toBe("Журнал аудита");
    await expect(entry.textContent()).resolves.toContain("токен отозван");
    await entry.locator("summary").click();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("sends a viewer to /forbidden and a visitor to the sign-in page", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await page.goto(`${web}/admin/tokens`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/admin/tokens");

    await signIn(page, web, "viewer");
    for (const path of ["/admin", "/admin/users", "/admin/tokens", "/admin/audit"]) {
      await page.goto(`${web}${path}`);
      await page.waitForURL(`${web}/forbidden`);
      await expect(page.locator("h1").textContent()).resolves.toBe("Not allowed");
    }
    await page.close();
  });
});
