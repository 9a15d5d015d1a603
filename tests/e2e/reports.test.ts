// The reports page in Chromium: a manager schedules the annual report by e-mail and stops it;
// a viewer sees the reports but not the schedules.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the reports page", () => {
  it("lets a manager schedule the annual report by e-mail and stop it", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, web, "manager");
    await page.goto(`${web}/reports`);
    expect(await page.locator('a[href*="/api/v1/reports/annual.pdf?"]').count()).toBeGreaterThan(0);
    const address = `board-${Date.now()}@example.org`;
    const form = page.locator("[data-schedule-form]");
    await form.locator('select[name="frequency"]').selectOption("monthly");
    await form.locator('textarea[name="recipients"]').fill(`${address}, chief@example.org`);
    await form.locator('button[type="submit"]').click();
    const row = page.locator("[data-schedule]", { hasText: address });
    await row.waitFor();
    expect(await row.textContent()).toContain("monthly");
    await row.locator("button").click();
    await row.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a viewer the reports without the schedules", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await signIn(page, web, "viewer");
    await page.goto(`${web}/reports`);
    expect(await page.locator('a[href*="/api/v1/reports/annual.pdf?"]').count()).toBeGreaterThan(0);
    expect(await page.locator("[data-schedules]").count()).toBe(0);
    await context.close();
  });
});
