// The entry grid in Chromium (issue 18): a steward limited to a region sees the months a monthly
// regional indicator owes there, pastes a column copied from a spreadsheet, is told in Russian
// why a typed value cannot be read, previews (a dry run: nothing saved) and sends the figures as
// one upload of kind `form`, whose report the page shows; the grid then shows them as entered.
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;
// Running until 2040, so that months are due whatever day the tests run.
const base = buildProgram({
  indicators: [{ frequency: "monthly", dueDays: 15, disaggregation: "regional", unit: "count" }],
});
const program = { ...base, years: { ...base.years, end: 2040 } };
const [code] = program.indicators.map((i) => i.code) as [string];

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, program, "test");
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

describe("the entry grid in Chromium", () => {
  it("sends a column pasted from a spreadsheet as one upload of kind form, with its report", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    await context.addCookies([{ name: "spm_lang", value: "ru", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const { id } = await signIn(page, web, "steward");
    await db
      .updateTable("users")
      .set({ regions: ["ZZ-N"] })
      .where("id", "=", id)
      .execute();

    await page.goto(`${web}/entry?program=${program.code}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Ввод данных");
    const rows = page.locator('[data-table="entry"] tbody tr');
    // About fifteen months at North only: none at the nation or South for this steward.
    const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-cell")));
    expect(keys.length).toBeGreaterThanOrEqual(12);
    expect(keys.every((k) => k?.startsWith(`${code}|ZZ-N|`))).toBe(true);
    expect(await page.locator('[data-due="overdue"]').count()).toBeGreaterThan(0);

    // A column copied from a spreadsheet, pasted into the first cell, fills three rows down.
    const first = rows.nth(0).locator("input");
    await first.focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData("text/plain", "1 200\r\n35\r\n7\r\n");
      document.activeElement?.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    const value = (n: number) => rows.nth(n).locator("input").inputValue();
    await expect.poll(() => value(0)).toBe("1 200");
    await expect(value(1)).resolves.toBe("35");
    await expect(value(2)).resolves.toBe("7");
    await expect(page.locator("[data-entry-notice]").textContent()).resolves.toContain("3");

    // A value a count cannot take is explained in Russian as it is typed; Enter moves down.
    const fourth = rows.nth(3).locator("input");
    await fourth.fill("2,5");
    await expect(rows.nth(3).locator("[data-problem]").textContent()).resolves.toMatch(/цел/i);
    await expect(fourth.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByRole("button", { name: /^Отправить/ }).click();
    await expect(page.locator("[data-entry-error]").textContent()).resolves.toContain("1");
    await fourth.fill("");
    await first.press("Enter");
    await expect(
      rows
        .nth(1)
        .locator("input")
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);

    // The preview is a dry run: its report, nothing saved.
    await page.getByRole("button", { name: "Проверить и посмотреть" }).click();
    const report = page.locator("[data-entry-report]");
    await report.waitFor({ timeout: 60_000 });
    const previewId = await report.getAttribute("data-entry-report");
    const preview = await db
      .selectFrom("uploads")
      .select(["kind", "dry_run"])
      .where("id", "=", previewId ?? "")
      .executeTakeFirstOrThrow();
    expect(preview).toEqual({ kind: "form", dry_run: true });
    expect(
      await db.selectFrom("observations").where("indicator_code", "=", code).execute(),
    ).toEqual([]);

    // Sent: one upload of kind form by this steward, three figures inserted, shown in the grid.
    await page.getByRole("button", { name: "Отправить значений: 3" }).click();
    await expect
      .poll(async () => (await report.getAttribute("data-entry-report")) !== previewId, {
        timeout: 60_000,
      })
      .toBe(true);
    await expect
      .poll(() => report.locator("[data-counts]").textContent(), { timeout: 60_000 })
      .toMatch(/3/);
    const uploadId = await report.getAttribute("data-entry-report");
    const sent = await db
      .selectFrom("uploads")
      .select(["kind", "dry_run", "created_by", "status"])
      .where("id", "=", uploadId ?? "")
      .executeTakeFirstOrThrow();
    expect(sent).toEqual({
      kind: "form",
      dry_run: false,
      created_by: `user:${id}`,
      status: "completed",
    });
    const figures = await db
      .selectFrom("observations")
      .select(["region_code", "value"])
      .where("indicator_code", "=", code)
      .orderBy("period", "desc")
      .execute();
    expect(figures.map((f) => [f.region_code, Number(f.value)])).toEqual([
      ["ZZ-N", 1200],
      ["ZZ-N", 35],
      ["ZZ-N", 7],
    ]);
    await expect
      .poll(() => rows.nth(0).locator("[data-current]").textContent(), { timeout: 30_000 })
      .toMatch(/1\s?200/);
    await saveScreenshot(page, "entry-grid");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
