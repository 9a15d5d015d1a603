import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("overview page in Chromium", () => {
  it("sends a visitor who is not signed in to the sign-in page, and back after signing in", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await page.goto(`${web}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Sign in");
    await page.close();
  });

  it("lists every seeded indicator with a status shown as icon and word, in Russian by default", async () => {
    const page = await browser.newPage({ locale: "ru-RU" });
    await signIn(page, web, "viewer");
    await expect(page.locator("h1").first().textContent()).resolves.toMatch(
      /Государственная программа/,
    );
    const rows = page.locator("[data-indicator]");
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const hq = page.locator('[data-indicator="HQ_READINESS"]');
    await expect(hq.textContent()).resolves.toMatch(/готовности|готовность/i);
    const badge = hq.locator("[data-level]").first();
    expect(await badge.getAttribute("data-level")).toBe("overdue");
    // Colour is never the only signal: the level is also written out.
    await expect(badge.textContent()).resolves.toContain("Данные просрочены");
    await page.close();
  });

  it("switches to English and to Kazakh, and remembers the choice", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    const page = await context.newPage();
    await signIn(page, web, "viewer");
    await page.selectOption(".lang select", "en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expect(page.locator("h1").first().textContent()).resolves.toMatch(/State Program/);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.selectOption(".lang select", "kk");
    await page.waitForFunction(() => document.documentElement.lang === "kk");
    await expect(page.locator("h1").first().textContent()).resolves.toMatch(
      /мемлекеттік бағдарлама/i,
    );
    await context.close();
  });
});
