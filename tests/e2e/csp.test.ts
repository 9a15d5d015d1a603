// The dashboard's Content-Security-Policy in Chromium: every page works under it — Next's
// scripts (nonce), client navigations, the Chart.js chart, cached replays — and the browser
// reports no violation on any of them.
import type { Browser, BrowserContext, Page } from "playwright-core";
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

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** The violations this document has reported so far. */
function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations ?? []);
}

/** A browser context whose every document keeps its CSP violations, from before any script. */
async function watchedContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-GB" });
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return context;
}

/** Opens `path`, checks it ran Next's scripts under a nonce policy and reported no violation. */
async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${web}${path}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  // Next's client ran (hydrated): its scripts were allowed.
  await page.waitForFunction(() => (window as { next?: { version?: string } }).next?.version);
  expect(await violations(page)).toEqual([]);
}

describe("content security policy in Chromium", () => {
  it("reports no violation on the sign-in, overview, indicator, regions, uploads, data-quality, alerts and reports pages", async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await visit(page, "/login");
    await signIn(page, web, "admin");
    expect(await violations(page)).toEqual([]);
    const report = "/reports/annual?program=KZ-SPCRET-2018-2022&year=2020";
    for (const path of [
      "/",
      "/regions",
      "/uploads",
      "/data-quality",
      "/alerts",
      "/reports",
      report,
    ])
      await visit(page, path);
    // The second visit of the overview is a replay from the page cache: the same policy holds.
    await visit(page, "/");
    // A client navigation (RSC) to an indicator page draws its Chart.js chart.
    await Promise.all([
      page.waitForURL(/\/indicators\/HQ_READINESS/),
      page.click('[data-indicator="HQ_READINESS"] a[href="/indicators/HQ_READINESS"]'),
    ]);
    await page.locator('canvas[role="img"]').waitFor();
    await visit(page, "/indicators/HQ_READINESS");
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
      return canvas ? canvas.width > 0 && canvas.toDataURL().length > 5_000 : false;
    });
    expect(drawn).toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("blocks a script the page did not vouch for, and the watch above sees it", async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${web}/login`);
    // Injected markup with an inline handler (no nonce) does not run; the browser reports it.
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.injected = 1">';
      document.body.append(div);
    });
    await expect.poll(async () => (await violations(page)).length).toBeGreaterThan(0);
    for (const seen of await violations(page)) expect(seen).toBe("script-src-attr inline");
    expect(await page.evaluate(() => (window as { injected?: number }).injected)).toBeUndefined();
    await context.close();
  });

  it("shows the queue board under its own policy, without the buttons that change jobs", async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    await signIn(page, web, "admin");
    await page.goto(`${web}/admin/queues`);
    await page.getByText("uploads", { exact: true }).first().waitFor();
    // Only the board's web font (a third party) is refused; its own scripts and styles load.
    for (const seen of await violations(page))
      expect(seen).toMatch(/^style-src-elem https:\/\/fonts\./);
    await expect(
      page.locator("button", { hasText: /^(Retry|Clean|Pause|Empty)/ }).count(),
    ).resolves.toBe(0);
    await context.close();
  });
});
