// An administrator checks a programme file on /admin/programs (the dry run's diff names the
// indicator created and the field a manager changed), applies it overwriting the manager's edit
// after confirming, and downloads the current definition.
import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import type { ProgramDefinition } from "@spm/kpi";
import { editIndicator, importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { stringify } from "yaml";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";

const web = inject("webUrl");
const db = createTestDb();
const program = buildProgram();
const code = program.indicators[0]?.code ?? "";
let browser: Browser;

beforeAll(async () => {
  await importProgram(db, program, "test");
  await editIndicator(db, {
    code,
    patch: { reason: "reports are due sooner", dueDays: 30 },
    actor: "test",
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

/** The file as a programme officer would change it: a later due date and one more indicator. */
function changedFile(): ProgramDefinition {
  const added = buildProgram().indicators[0] as ProgramDefinition["indicators"][number];
  return {
    ...program,
    indicators: [
      { ...(program.indicators[0] as ProgramDefinition["indicators"][number]), dueDays: 60 },
      { ...added, code: `${code}_NEW`, name: { ...added.name, en: "Added indicator" } },
    ],
  };
}

describe("the programme files page in Chromium", () => {
  it("shows a dry run's diff, applies it with force after asking, and downloads the definition", async () => {
    const context = await browser.newContext({ locale: "en-GB", acceptDownloads: true });
    const admin = await createTestUser(db, { role: "admin" });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${web}/login?next=${encodeURIComponent("/admin/programs")}`);
    await page.fill('input[name="username"]', admin.username);
    await page.fill('input[name="password"]', admin.password);
    await Promise.all([
      page.waitForURL(`${web}/admin/programs`),
      page.click('button[type="submit"]'),
    ]);
    const row = page.locator(`tr[data-program="${program.code}"]`);
    await row.waitFor();

    await page.locator('input[name="file"]').setInputFiles({
      name: "programme.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(stringify(changedFile())),
    });
    await page.getByRole("button", { name: "Check (dry run)" }).click();
    const dryRun = page.locator("[data-dry-run]");
    await dryRun.waitFor();
    await expect(dryRun.locator('[data-diff="created"]').textContent()).resolves.toContain(
      `Added indicator (${code}_NEW)`,
    );
    const conflict = dryRun.locator(`tr[data-change="${code}|dueDays"]`);
    await expect(conflict.locator("th, td").allTextContents()).resolves.toEqual([
      "Indicator 0",
      "Days until due",
      "60",
      "30",
    ]);
    await saveScreenshot(page, "admin-programs-dry-run");
    // Nothing was written by the check.
    const before = await db.selectFrom("indicators").select("due_days").where("code", "=", code);
    expect((await before.executeTakeFirstOrThrow()).due_days).toBe(30);
    expect(
      await db.selectFrom("indicators").select("code").where("code", "=", `${code}_NEW`).execute(),
    ).toEqual([]);

    // Declining the confirmation changes nothing; accepting it overwrites the manager's edit.
    page.once("dialog", (dialog) => dialog.dismiss());
    await dryRun.getByRole("button", { name: "Apply, overwriting managers' edits" }).click();
    expect((await before.executeTakeFirstOrThrow()).due_days).toBe(30);
    page.once("dialog", (dialog) => dialog.accept());
    await dryRun.getByRole("button", { name: "Apply, overwriting managers' edits" }).click();
    const result = page.locator('[data-import-result="updated"]');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain("Overwritten with the file's values.");
    expect((await before.executeTakeFirstOrThrow()).due_days).toBe(60);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("link", { name: `Download definition (YAML) ${program.code}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${program.code}.yaml`);
    const text = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    });
    expect(text).toContain(`${code}_NEW`);
    expect(text).toContain("dueDays: 60");
    expect(errors).toEqual([]);
    await context.close();
  });
});
