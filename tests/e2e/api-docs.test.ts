// The API's description through the dashboard: the OpenAPI document for anyone through the
// /api forwarder, and /api-docs listing its operations in the reader's language, on a phone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot } from "../browser";

const web = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the API's description", () => {
  it("is served without credentials through the dashboard's origin", async () => {
    const res = await fetch(`${web}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toContain("/api/v1/indicators/{code}/observations");
  });

  it("is listed at /api-docs for a visitor, by tag, in Kazakh, readable at 390 px, with no script of its own", async () => {
    const page = await browser.newPage({ locale: "kk-KZ", viewport: { width: 390, height: 844 } });
    const res = await page.goto(`${web}/api-docs`);
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("API");
    await expect(page.locator("h2").allTextContents()).resolves.toEqual(
      expect.arrayContaining(["Көрсеткіштер", "Әкімшілік"]),
    );
    // Every operation's summary is in the reader's language (none left in the document's English).
    await expect(page.locator("[data-untranslated]").count()).resolves.toBe(0);
    const users = page.locator("li", { hasText: "/api/v1/users/{id}" });
    await expect(users.locator("p").nth(1).textContent()).resolves.toBe("Пайдаланушыны өзгерту");
    await expect(users.locator(".api-method").textContent()).resolves.toBe("PATCH");
    await expect(users.locator("dd").first().textContent()).resolves.toBe("әкімші");
    await expect(page.locator('a[href="/api/v1/openapi.json"]').count()).resolves.toBe(1);
    // Nothing wider than the phone: long paths wrap.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // Every script is the app's own (same origin): none from a CDN.
    const sources = await page
      .locator("script[src]")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of sources) expect(new URL(src).origin).toBe(new URL(web).origin);
    await saveScreenshot(page, "api-docs-kk-390");
    await page.close();
  });
});
