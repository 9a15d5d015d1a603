import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot } from "../browser";
import { signIn, tokenFor } from "../support";

const web = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("overview page in Chromium", () => {
  it("shows a long direction's first 20 rows on a phone, and all of them on request", async () => {
    const db = createTestDb();
    const program = buildProgram({ indicators: Array.from({ length: 40 }, () => ({})) });
    await importProgram(db, program, "test");
    await db.destroy();
    const page = await browser.newPage({ locale: "ru-RU", viewport: { width: 390, height: 844 } });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/?program=${program.code}`);
    expect(await page.locator("[data-indicator]").count()).toBe(20);
    const more = page.locator('[data-more="D1"]');
    await expect(more.textContent()).resolves.toBe(
      "Показано индикаторов: 20 из 40. Показать все (40)",
    );
    await Promise.all([page.waitForURL(/open=D1/), more.locator("a").click()]);
    expect(await page.locator("[data-indicator]").count()).toBe(40);
    expect(await page.locator("[data-more]").count()).toBe(0);
    // Every row still says its status in a word, with its icon.
    const badges = page.locator("[data-indicator] td:nth-child(2) [data-level]");
    expect(await badges.count()).toBe(40);
    await expect(badges.first().locator("use").getAttribute("href")).resolves.toMatch(/^#spm-i-/);
    await page.close();
  });

  it("shows a new figure by itself shortly after its upload completes, without a reload", async () => {
    const db = createTestDb();
    const program = buildProgram();
    const code = program.indicators[0]?.code ?? "";
    await importProgram(db, program, "test");
    await db.destroy();
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/?program=${program.code}`);
    const row = page.locator(`[data-indicator="${code}"]`);
    await expect(row.textContent()).resolves.toContain("no figure yet");
    await saveScreenshot(page, "overview");
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const token = await tokenFor("steward");
    const res = await fetch(`${inject("apiUrl")}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: code, period: "2019", value: 64.5 }] }),
    });
    expect(res.status).toBe(202);
    await page.waitForFunction(
      (c) => document.querySelector(`[data-indicator="${c}"]`)?.textContent?.includes("64.5"),
      code,
      {
        timeout: 20_000,
      },
    );
    // Same document: the figure arrived without a reload.
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    );
    await page.close();
  });

  it("shows the reader's own name in the header and statuses on a chosen day", async () => {
    const page = await browser.newPage({ locale: "kk-KZ", viewport: { width: 390, height: 844 } });
    const me = await signIn(page, web, "viewer");
    // The page is the same for every viewer; the name comes to the browser by itself (on a
    // phone it is in the header's menu).
    await page.click("header button.menu-button");
    await page.locator('.user[data-reader="loaded"]').waitFor();
    await expect(page.locator(".user").textContent()).resolves.toContain(me.username);
    await page.fill('input[name="asOf"]', "2019-06-30");
    await Promise.all([
      page.waitForURL(/asOf=2019-06-30/),
      page.click("form.filters button[type=submit]"),
    ]);
    await expect(page.locator("main p.muted").first().textContent()).resolves.toContain(
      "2019-06-30 жағдай бойынша мәртебе",
    );
    // In 2019 the programme's first year had ended without a figure: overdue, as today.
    const badge = page.locator('[data-indicator="HQ_READINESS"] [data-level]').first();
    await expect(badge.getAttribute("data-level")).resolves.toBe("overdue");
    await expect(
      page.locator('form.filters:not([data-export]) input[name="asOf"]').inputValue(),
    ).resolves.toBe("2019-06-30");
    await page.close();
  });

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

  it("filters by status level through the URL and counts indicators per level", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/?level=overdue&direction=D3`);
    const levels = await page
      .locator("[data-indicator] td:nth-child(2) [data-level]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-level")));
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(["overdue"]));
    expect(await page.locator('[data-indicator="ATTACKS_PREVENTED"]').count()).toBe(0); // direction D2
    await expect(page.locator('select[name="level"]').inputValue()).resolves.toBe("overdue");
    expect(await page.locator("[data-level-counts] [data-count-level]").count()).toBeGreaterThan(0);
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
