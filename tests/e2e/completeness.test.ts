// Completeness in Chromium (issue 18): a viewer reads, in Kazakh, who has reported a programme
// year — per place and per agency — reached from the Reports page; the counts match a hand-made
// case: the national indicator's figure came with the programme file, North's regional figure was
// sent after its due date, South's is missing.
import { applyObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
const base = buildProgram({
  indicators: [
    { history: [{ period: "2020", value: 55, source: "file" }] },
    { disaggregation: "regional" },
  ],
});
const program = {
  ...base,
  agencies: [{ code: `MIN_${suffix}`, name: { en: "C", ru: "Ц", kk: "Тест министрлігі" } }],
  indicators: base.indicators.map((i, n) => (n === 0 ? { ...i, agency: `MIN_${suffix}` } : i)),
};
const regional = program.indicators[1]?.code ?? "";

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, program, "test");
  const upload = await createUploadRow(db);
  await db
    .transaction()
    .execute((trx) =>
      applyObservations(
        trx,
        [{ indicator: regional, region: "ZZ-N", period: "2020", year: 2020, value: 61 }],
        { uploadId: upload.id, uploadSeq: upload.seq, author: "test" },
      ),
    );
  await sql`update observation_revisions set created_at = '2021-05-02T09:00:00Z'
    where upload_id = ${upload.id}::uuid`.execute(db);
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

describe("completeness in Chromium", () => {
  it("counts who has reported a year, per place and per agency, in Kazakh", async () => {
    const context = await browser.newContext({ locale: "kk-KZ" });
    await context.addCookies([{ name: "spm_lang", value: "kk", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, web, "viewer");
    await page.goto(`${web}/reports`);
    await page
      .locator(`[data-reports="${program.code}"] a[href*="/completeness?"][href*="year=2020"]`)
      .click();
    await page.waitForURL(/\/completeness\?/);
    await expect(page.locator("h1").textContent()).resolves.toBe("Есептіліктің толықтығы");
    await expect(page.locator("section[data-year]").getAttribute("data-year")).resolves.toBe(
      "2020",
    );
    const total = (key: string) =>
      page.locator(`[data-total] [data-count="${key}"] dd`).textContent();
    await expect(total("expected")).resolves.toBe("3");
    await expect(total("received")).resolves.toBe("2");
    await expect(total("late")).resolves.toBe("1");
    await expect(total("overdue")).resolves.toBe("1");
    const cell = (table: string, row: string, key: string) =>
      page
        .locator(`[data-table="completeness-${table}"] tr[data-row="${row}"] [data-count="${key}"]`)
        .textContent();
    await expect(cell("region", "ZZ-N", "late")).resolves.toBe("1");
    await expect(cell("region", "ZZ-S", "overdue")).resolves.toBe("1");
    await expect(cell("region", "ZZ", "received")).resolves.toBe("1");
    await expect(cell("agency", `MIN_${suffix}`, "received")).resolves.toBe("1");
    await expect(
      page
        .locator(`[data-table="completeness-agency"] tr[data-row="MIN_${suffix}"] th`)
        .textContent(),
    ).resolves.toBe("Тест министрлігі");
    await saveScreenshot(page, "completeness-kk");
    expect(errors).toEqual([]);
    await context.close();
  });
});
