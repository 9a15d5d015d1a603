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

describe("regions page in Chromium", () => {
  it("shows every 2018 region against the regional indicators, each cell a worded status linking to its history", async () => {
    const page = await browser.newPage({ locale: "ru-RU" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/regions?program=KZ-SPCRET-2018-2022`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Регионы");
    expect(await page.locator("[data-region-grid] tbody tr").count()).toBe(17);
    const cell = page.locator(
      '[data-region="KZ-ALA"] a[href="/indicators/HQ_READINESS?region=KZ-ALA"]',
    );
    expect(await cell.count()).toBe(1);
    const words = await cell.locator("[data-level]").textContent();
    expect(words?.trim().length).toBeGreaterThan(3); // a word beside the colour, never colour alone
    await page.close();
  });
});
