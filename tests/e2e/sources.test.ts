// An administrator adds a DHIS2 source on /admin/sources (the token typed once, never shown
// back), pulls it now and opens the upload's report from the page.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import { programDefinitionSchema } from "@spm/kpi";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";

const web = inject("webUrl");
const db = createTestDb();
const uid = () => `B${randomBytes(8).toString("hex").slice(0, 10)}`;
const [DE, DS, NATION] = [uid(), uid(), uid()];
const PAT = `d2pat_${randomBytes(12).toString("hex")}`;
const base = buildProgram({ indicators: [{ dhis2: [{ dataElement: DE }] }] });
const program = programDefinitionSchema.parse({
  ...base,
  nation: { ...base.nation, dhis2: [NATION] },
});
let browser: Browser;
let server: Server;

beforeAll(async () => {
  await importProgram(db, program, "test");
  browser = await launchBrowser();
  server = createServer((req, res) => {
    if (req.headers.authorization !== `ApiToken ${PAT}`) return void res.writeHead(401).end();
    res.writeHead(200, { "content-type": "application/json" });
    const values = [{ dataElement: DE, period: "2021", orgUnit: NATION, value: "63" }];
    res.end(JSON.stringify({ dataValues: values }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await db.deleteFrom("sources").where("program_code", "=", program.code).execute();
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await db.destroy();
});

describe("the sources page in Chromium", () => {
  it("adds a DHIS2 source, pulls it now and links the upload's report", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const admin = await createTestUser(db, { role: "admin" });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${web}/login?next=${encodeURIComponent("/admin/sources")}`);
    await page.fill('input[name="username"]', admin.username);
    await page.fill('input[name="password"]', admin.password);
    await Promise.all([
      page.waitForURL(`${web}/admin/sources`),
      page.click('button[type="submit"]'),
    ]);

    const name = `ui source ${uid()}`;
    const form = page.locator('form[data-form="source-create"]');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="program"]').selectOption(program.code);
    await form
      .locator('input[name="url"]')
      .fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await form.locator('input[name="dataSets"]').fill(DS);
    await form.locator('input[name="orgUnits"]').fill(NATION);
    await form.locator('input[name="token"]').fill(PAT);
    await form.locator('button[type="submit"]').click();
    await form.locator('[role="status"]').waitFor();

    const row = page.locator("tr[data-source]", { hasText: name });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("personal access token (stored)");
    await row.getByRole("button", { name: "Pull now" }).click();
    const report = row.getByRole("link", { name: "Upload report" }).first();
    await report.waitFor();
    await saveScreenshot(page, "admin-sources");
    // Write-only: the token is nowhere in the page once it is saved.
    await page.reload();
    expect(await page.content()).not.toContain(PAT);

    // Its schedule turned off from the page.
    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByRole("button", { name: "Enable" }).waitFor();
    await expect(row.textContent()).resolves.toContain("disabled");

    await Promise.all([page.waitForURL(/\/uploads\?upload=/), report.click()]);
    await page.locator("#opened-report").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
