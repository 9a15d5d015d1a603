// The programmes page with two programmes loaded: each one's summary (name in the reader's
// language, period, its indicators' levels with icon and word, when its statuses were computed)
// and its links (overview, exports) work; the overview points to the page.
import { buildProgram, createTestDb, storeFigures } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { settleStatusWork, signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
// Targets 2022: 90 from a 2017 baseline of 40. 95 is on target, 75 behind, 45 far behind.
const first = buildProgram({ indicators: [{}, {}, {}] });
const second = buildProgram({ indicators: [{}, {}] });
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, first, "test");
  await importProgram(db, second, "test");
  const [a, b, c] = first.indicators.map((i) => i.code);
  await storeFigures(
    db,
    [
      { indicator: a ?? "", region: "ZZ", value: 95 },
      { indicator: b ?? "", region: "ZZ", value: 75 },
      { indicator: c ?? "", region: "ZZ", value: 45 },
      { indicator: second.indicators[0]?.code ?? "", region: "ZZ", value: 95 },
    ],
    "programs-test",
  );
  await settleStatusWork();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

/** A programme's card: its level counts as `level: count` and whether each has icon and word. */
async function levelsOf(page: Page, code: string) {
  const card = page.locator(`[data-program="${code}"]`);
  return card.locator("[data-count-level]").evaluateAll((els) =>
    els.map((el) => ({
      level: el.getAttribute("data-count-level"),
      text: el.textContent,
      icon: el.querySelector("svg use")?.getAttribute("href")?.startsWith("#spm-i-") ?? false,
    })),
  );
}

describe("the programmes page in Chromium", () => {
  it("sums up each loaded programme in the reader's language and links to its overview", async () => {
    const page = await browser.newPage({ locale: "kk-KZ" });
    const errors = collectErrors(page);
    await signIn(page, web, "viewer");
    // The overview (of the default programme) says there are several and points here.
    await expect(page.locator("[data-other-programs] a").getAttribute("href")).resolves.toBe(
      "/programs",
    );
    await Promise.all([
      page.waitForURL(`${web}/programs`),
      page.locator("[data-other-programs] a").click(),
    ]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Бағдарламалар");
    await expect(page.locator(`[data-program] h2`).allTextContents()).resolves.toEqual(
      expect.arrayContaining([first.name.kk, second.name.kk]),
    );
    const card = page.locator(`[data-program="${first.code}"]`);
    await expect(card.locator("p").first().textContent()).resolves.toBe(
      `${first.code} · Бағдарлама жылдары 2018–2022, базалық жыл 2017 · Көрсеткіштер саны: 3`,
    );
    await expect(levelsOf(page, first.code)).resolves.toEqual([
      { level: "red", text: "Айтарлықтай артта қалу: 1", icon: true },
      { level: "amber", text: "Артта қалу: 1", icon: true },
      { level: "green", text: "Мақсатқа жетті: 1", icon: true },
    ]);
    await expect(levelsOf(page, second.code)).resolves.toEqual([
      { level: "overdue", text: expect.stringMatching(/: 1$/), icon: true },
      { level: "green", text: expect.stringMatching(/: 1$/), icon: true },
    ]);
    // The page refreshes itself once the worker has computed the statuses.
    // (Reloaded while it waits: the stamp is read when the page is made.)
    await expect
      .poll(
        async () => {
          const text = await card.locator("[data-stamp]").textContent();
          if (/\d\)$/.test(text ?? "")) return true;
          await page.reload();
          return false;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    await expect(card.locator("[data-stamp]").textContent()).resolves.toMatch(
      /^Мәртебелер .+ есептелді \(деректер нұсқасы \d+\)$/,
    );
    await saveScreenshot(page, "programs-kk");
    // Its overview, by the programme's name.
    await Promise.all([
      page.waitForURL(`${web}/?program=${second.code}`),
      page.locator(`[data-program="${second.code}"] h2 a`).click(),
    ]);
    await expect(page.locator("h1").textContent()).resolves.toBe(second.name.kk);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("links to each programme's exports, which download its figures with the reader's session", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/programs`);
    const links = page.locator(`[data-program="${first.code}"] [data-exports] a`);
    await expect(links.allTextContents()).resolves.toEqual([
      "Excel workbook",
      "CSV",
      "JSON",
      "DHIS2 data values (JSON)",
    ]);
    const href = await links.filter({ hasText: "CSV" }).getAttribute("href");
    expect(href).toBe(`/api/v1/export?program=${first.code}&format=csv&lang=en`);
    const res = await page.request.get(`${web}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/csv/);
    const body = await res.text();
    for (const code of first.indicators.map((i) => i.code)) expect(body).toContain(code);
    expect(body).not.toContain(second.indicators[0]?.code ?? "");
    await page.close();
  });
});
