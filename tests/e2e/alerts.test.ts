import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn, tokenFor } from "../support";

const web = inject("webUrl");
const api = inject("apiUrl");
const db = createTestDb();
// Target 2022: 90 from a 2017 baseline of 40; as of today 41 is red.
const program = buildProgram({ indicators: [{}, {}] });
const code = program.indicators[0]?.code ?? "";
let browser: Browser;

beforeAll(async () => {
  await importProgram(db, program, "test");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

async function reloadUntil(page: Page, url: string, selector: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    if ((await page.locator(selector).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear on ${url}`);
    await page.waitForTimeout(500);
  }
}

describe("alerts in Chromium", () => {
  it("a manager writes a rule with a preview, sees it fire, acknowledges, silences and reads the notice", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    const errors = collectErrors(page);
    const me = await signIn(page, web, "manager");
    await page.goto(`${web}/alerts/rules/new`);
    await page.fill('input[name="name"]', "First indicator red");
    await page.selectOption('select[name="program"]', program.code);
    await page.check('input[name="indicatorsMode"][value="indicator"]');
    await page.selectOption('select[name="indicator"]', code);
    await page.uncheck('input[name="levels"][value="overdue"]');
    await page.uncheck('input[name="channels"][value="email"]');
    await page.fill('input[name="users"]', me.username);
    await page.click("button[value=preview]");
    const preview = page.locator("[data-preview]");
    await preview.waitFor();
    await expect(preview.locator("p").first().textContent()).resolves.toBe(
      "It watches 1 indicator × place pairs; the condition holds now for 0.",
    );
    await expect(
      preview.locator(`[data-preview-row="${code}"]`).getAttribute("data-holds"),
    ).resolves.toBe("false");
    await Promise.all([page.waitForURL(`${web}/alerts#rules`), page.click("button[value=save]")]);
    await expect(page.locator("[data-rules]").textContent()).resolves.toContain(
      "First indicator red",
    );

    const steward = await tokenFor("steward");
    const posted = await fetch(`${api}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${steward}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: code, period: "2022", value: 41 }] }),
    });
    expect(posted.status).toBe(202);
    const row = `[data-indicator="${code}"][data-status="firing"]`;
    await reloadUntil(page, `${web}/alerts`, row);
    await expect(page.locator(row).locator("td").first().textContent()).resolves.toBe("Firing");
    // The bell is the reader's own: filled in the browser from /data-version.
    await page.locator('a.bell[data-unread="1"]').waitFor();
    // Its name keeps the visible word (WCAG 2.5.3) and says the count in words.
    await expect(
      page.getByRole("link", { name: /^Notifications ?, 1 unread$/ }).count(),
    ).resolves.toBe(1);
    await saveScreenshot(page, "alerts");

    await Promise.all([page.waitForURL(/\/alerts\/[0-9a-f-]{36}$/), page.click(`${row} a`)]);
    await expect(page.locator("[data-history] li").allTextContents()).resolves.toEqual([
      expect.stringMatching(/Fired · Far behind · 41$/),
    ]);
    await page.fill('textarea[name="comment"]', "Asked the region for the missing reports");
    await page.click("[data-ack-form] button");
    await page.locator("[data-acknowledged]").waitFor();
    await expect(page.locator("[data-acknowledged]").textContent()).resolves.toBe(
      `Acknowledged by ${me.username}: “Asked the region for the missing reports”`,
    );
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('input[name="until"]', inThreeDays);
    await page.click("[data-silence-form] button");
    await page.locator("[data-silenced]").waitFor();
    await saveScreenshot(page, "alert");

    await page.goto(`${web}/notifications`);
    const items = page.locator("[data-inbox] li");
    await expect(items.count()).resolves.toBe(1);
    await expect(items.first().getAttribute("data-status")).resolves.toBe("unread");
    await expect(items.first().textContent()).resolves.toContain(
      `Indicator 0 (Testland) is Far behind`,
    );
    await saveScreenshot(page, "notifications");
    await page.click("text=Mark all as read");
    await page.locator('[data-inbox] li[data-status="read"]').waitFor();
    await page.locator('a.bell[data-unread="0"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the alerts page in Russian and keeps viewers out", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    const page = await context.newPage();
    await signIn(page, web, "manager");
    await page.goto(`${web}/alerts?state=resolved`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Оповещения");
    await expect(page.locator('.tabs a[aria-current="page"]').textContent()).resolves.toBe(
      "Снятые",
    );
    await context.close();

    const viewerPage = await browser.newPage({ locale: "en-GB" });
    await signIn(viewerPage, web, "viewer");
    await expect(viewerPage.locator("header nav a", { hasText: "Alerts" }).count()).resolves.toBe(
      0,
    );
    await viewerPage.goto(`${web}/alerts`);
    expect(new URL(viewerPage.url()).pathname).toBe("/forbidden");
    await viewerPage.goto(`${web}/notifications`);
    await expect(viewerPage.locator(".empty").textContent()).resolves.toBe(
      "No notifications. You will see here the alerts that rules send you.",
    );
    await viewerPage.close();
  });
});
