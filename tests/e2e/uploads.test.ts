import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, saveScreenshot } from "../browser";
import { figureKey, monthlyProgram } from "../figures";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const program = buildProgram();
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

describe("uploads page in Chromium", () => {
  it("previews a file, applies it with progress, and reports the rejected rows", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "steward");
    await page.goto(`${web}/uploads`);
    const csv = `indicator,period,region,value\n${code},2019,,61\n${code},2020,,abc\n`;
    await page.setInputFiles('input[name="file"]', {
      name: "figures.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    const preview = page.locator("[data-preview]");
    await preview.waitFor({ timeout: 30_000 });
    await expect(preview.locator("[data-counts]").textContent()).resolves.toBe(
      "This upload would insert 1, update 0, leave 0 unchanged and reject 1 rows.",
    );
    expect(
      await db
        .selectFrom("observations")
        .select("value")
        .where("indicator_code", "=", code)
        .execute(),
    ).toEqual([]);
    await page.click("text=Apply the upload");
    const done = page.locator("[data-done]");
    await done.waitFor({ timeout: 30_000 });
    await expect(done.locator("[data-counts]").textContent()).resolves.toBe(
      "Inserted 1, updated 0, unchanged 0, rejected 1 of 2 rows.",
    );
    await expect(done.locator("[data-errors] td code").allTextContents()).resolves.toEqual([
      "value_not_a_number",
    ]);
    const href = await done.locator("a[href$='rejected.csv']").getAttribute("href");
    const rejected = await page.evaluate(async (url) => (await fetch(url ?? "")).text(), href);
    expect(rejected).toContain(`${code},2020,,abc`);
    const stored = await db
      .selectFrom("observations")
      .select("value")
      .where("indicator_code", "=", code)
      .execute();
    expect(stored).toEqual([{ value: 61 }]);
    await page.reload();
    expect(await page.locator("[data-history] [data-upload]").count()).toBe(2);
    await saveScreenshot(page, "uploads");
    // Each past upload opens its report again from the history.
    await Promise.all([
      page.waitForURL(/\/uploads\?upload=/),
      page.locator("[data-history] [data-upload] a").first().click(),
    ]);
    await expect(page.locator("[data-upload-report] [data-counts]").textContent()).resolves.toBe(
      "Inserted 1, updated 0, unchanged 0, rejected 1 of 2 rows.",
    );
    await page.close();
  });

  it("sends a 10 MB file with the bytes sent on screen, then its report", async () => {
    const { program: big, codes } = monthlyProgram(50);
    await importProgram(db, big, "test");
    const rows = 13_500;
    const note = "Figures reported by the regional office after reconciliation. ".repeat(12);
    const lines = ["indicator,period,region,value,flag,note,source"];
    for (let i = 0; i < rows; i++) {
      const f = figureKey(codes, i);
      lines.push(`${f.indicator},${f.period},${f.region},${i % 500},,${note},bulletin`);
    }
    const buffer = Buffer.from(`${lines.join("\n")}\n`);
    expect(buffer.length).toBeGreaterThan(10 * 1024 * 1024);
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "steward");
    await page.goto(`${web}/uploads`);
    await expect(page.locator("main").textContent()).resolves.toContain("Files up to 60 MB.");
    // A slow line (4 MB/s up) so that the bytes-sent stage lasts long enough to be seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: 50 * 1024 * 1024,
      uploadThroughput: 4 * 1024 * 1024,
    });
    await page.uncheck("text=Check first (dry run)");
    await page.setInputFiles('input[name="file"]', {
      name: "big.csv",
      mimeType: "text/csv",
      buffer,
    });
    const sending = page.locator('[data-progress="sending"]');
    await sending.waitFor({ timeout: 20_000 });
    await expect(sending.textContent()).resolves.toMatch(/^Sending: [\d.]+ of 10\.\d MB \(\d+%\)$/);
    // The bar moves while the bytes go out, before the server's own progress takes over.
    await page.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-progress="sending"] progress');
      return bar !== null && bar.value > 0 && bar.value < bar.max;
    });
    await saveScreenshot(page, "uploads-sending");
    const done = page.locator("[data-done]");
    await done.waitFor({ timeout: 120_000 });
    await expect(done.locator("[data-counts]").textContent()).resolves.toBe(
      `Inserted ${rows}, updated 0, unchanged 0, rejected 0 of ${rows} rows.`,
    );
    await page.close();
  }, 180_000);

  it("keeps viewers out", async () => {
    const page = await browser.newPage();
    await signIn(page, web, "viewer");
    await page.goto(`${web}/uploads`);
    expect(new URL(page.url()).pathname).toBe("/forbidden");
    await page.close();
  });
});
