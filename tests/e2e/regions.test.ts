import { buildProgram, createTestDb, storeFigures } from "@spm/db/test/factories";
import { programDefinitionSchema } from "@spm/kpi";
import { importProgram } from "@spm/services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
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

/** The tiles of the map as the page shows them: region, level, accessible name, link. */
function readTiles(page: Page) {
  return page.locator("[data-tile-map] a[data-region]").evaluateAll((links) =>
    links.map((a) => ({
      region: a.getAttribute("data-region"),
      level: a.querySelector("[data-level]")?.getAttribute("data-level"),
      word: a.querySelector("[data-level]")?.textContent?.trim(),
      name: a.getAttribute("aria-label"),
      href: a.getAttribute("href"),
    })),
  );
}

/**
 * A programme of two regional indicators over three regions, two of them placed on the map:
 * the first indicator on target in the north and far behind in the south, the second the reverse.
 */
async function arrangeProgram() {
  const base = buildProgram({
    indicators: [{ disaggregation: "regional" }, { disaggregation: "regional" }],
  });
  const [north, south] = base.regions;
  const program = programDefinitionSchema.parse({
    ...base,
    regions: [
      { ...north, tile: { row: 1, col: 2 } },
      { ...south, tile: { row: 2, col: 1 } },
      { code: "ZZ-W", name: { en: "West", ru: "Запад", kk: "Батыс" } },
    ],
  });
  const [first, second] = program.indicators.map((i) => i.code) as [string, string];
  await importProgram(db, program, "test");
  await storeFigures(
    db,
    [
      { indicator: first, region: "ZZ-N", value: 95 },
      { indicator: first, region: "ZZ-S", value: 45 },
      { indicator: second, region: "ZZ-N", value: 45 },
    ],
    "regions-test",
  );
  return { program: program.code, first, second };
}

describe("regions page in Chromium", () => {
  it("shows every 2018 region against the regional indicators, each cell a worded status linking to its history", async () => {
    const page = await browser.newPage({ locale: "ru-RU" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/regions?program=KZ-SPCRET-2018-2022`);
    await saveScreenshot(page, "regions");
    await expect(page.locator("h1").textContent()).resolves.toBe("Регионы");
    // One table per direction, each with a row for every region.
    const grids = page.locator("[data-region-grid]");
    expect(await grids.count()).toBeGreaterThan(0);
    for (const grid of await grids.all()) expect(await grid.locator("tbody tr").count()).toBe(17);
    const cell = page.locator(
      '[data-region="KZ-ALA"] a[href="/indicators/HQ_READINESS?region=KZ-ALA"]',
    );
    expect(await cell.count()).toBe(1);
    const words = await cell.locator("[data-level]").textContent();
    expect(words?.trim().length).toBeGreaterThan(3); // a word beside the colour, never colour alone
    // The seed places all 17 on the map, each tile named by its region and status word.
    const tiles = await readTiles(page);
    expect(tiles).toHaveLength(17);
    const almaty = tiles.find((t) => t.region === "KZ-ALA");
    expect(almaty?.name).toBe(`город Алматы: ${almaty?.word}`);
    await page.close();
  });

  it("colours the tile map by the indicator chosen in the URL, with words, links and keyboard order", async () => {
    const { program, first, second } = await arrangeProgram();
    const page = await browser.newPage({ locale: "en-GB" });
    const errors = collectErrors(page);
    await signIn(page, web, "viewer");
    await page.goto(`${web}/regions?program=${program}`);
    // Without a choice the first regional indicator colours the map; West has no tile.
    expect(await readTiles(page)).toEqual([
      {
        region: "ZZ-N",
        level: "green",
        word: "On target",
        name: "North: On target",
        href: `/indicators/${first}?region=ZZ-N`,
      },
      {
        region: "ZZ-S",
        level: "red",
        word: "Far behind",
        name: "South: Far behind",
        href: `/indicators/${first}?region=ZZ-S`,
      },
    ]);
    await expect(page.locator("#map-title ~ p").last().textContent()).resolves.toContain("West");
    expect(await page.locator('[data-region-grid] tr[data-region="ZZ-W"]').count()).toBe(1);
    // The tiles agree with the grid's cells for the same indicator.
    const gridLevel = (region: string) =>
      page
        .locator(`[data-region-grid] a[href="/indicators/${first}?region=${region}"] [data-level]`)
        .getAttribute("data-level");
    await expect(gridLevel("ZZ-S")).resolves.toBe("red");

    // Another indicator, through the plain GET form: the choice is kept in the URL.
    await page.selectOption('select[name="indicator"]', second);
    await Promise.all([
      page.waitForURL(/indicator=/),
      page.click('form:not([data-dates]) button[type="submit"]'),
    ]);
    expect(new URL(page.url()).searchParams.get("indicator")).toBe(second);
    const chosen = await readTiles(page);
    expect(chosen.map((t) => [t.region, t.level, t.name])).toEqual([
      ["ZZ-N", "red", "North: Far behind"],
      ["ZZ-S", "overdue", "South: Overdue"],
    ]);

    // Keyboard: from the form's button, Tab reaches the tiles in map order (north row first).
    await page.focus('form:not([data-dates]) button[type="submit"]');
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "North: Far behind",
    );
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/indicators/${second}\\?region=ZZ-N`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a long direction's first 12 indicators per region on a phone, and all on request", async () => {
    const program = buildProgram({
      indicators: Array.from({ length: 15 }, () => ({ disaggregation: "regional" as const })),
    });
    await importProgram(db, program, "test");
    const page = await browser.newPage({ locale: "kk-KZ", viewport: { width: 390, height: 844 } });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/regions?program=${program.code}`);
    const heads = page.locator('[data-region-grid="D1"] thead th[scope="col"] a');
    expect(await heads.count()).toBe(12);
    const more = page.locator('[data-more="D1"]');
    await expect(more.textContent()).resolves.toBe(
      "Көрсетілген индикаторлар: 15 ішінен 12. Барлығын көрсету (15)",
    );
    await Promise.all([page.waitForURL(/open=D1/), more.locator("a").click()]);
    expect(await heads.count()).toBe(15);
    expect(await page.locator("[data-more]").count()).toBe(0);
    await page.close();
  });
});
