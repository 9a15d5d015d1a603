// Agencies in Chromium (issue 15): "My indicators" of a steward's agency counts its indicators,
// the overdue ones and the narratives written and missing — a Russian narrative moves the counts;
// the overview filters by agency; the indicator page names the agency; an administrator sets an
// account's agency in the users page.
import { findUserByUsername } from "@spm/db";
import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import { importProgram, writeNarrative } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { settleStatusWork, signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;
const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
const AGENCY = `MIN_${suffix}`;
// The first indicator (the agency's) is red in 2019 (10 against 60); the second is nobody's.
const base = buildProgram({
  indicators: [{ history: [{ period: "2019", value: 10, source: "test" }] }, {}],
});
const program = {
  ...base,
  agencies: [
    {
      code: AGENCY,
      name: { en: "Ministry of Tests", ru: "Министерство тестов", kk: "Тест министрлігі" },
    },
  ],
  indicators: base.indicators.map((i, n) => (n === 0 ? { ...i, agency: AGENCY } : i)),
};
const [mine, other] = program.indicators.map((i) => i.code) as [string, string];

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, program, "test");
  await settleStatusWork();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

describe("my indicators in Chromium", () => {
  it("counts an agency's indicators and narratives in Russian; the overview filters by agency", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    await context.addCookies([{ name: "spm_lang", value: "ru", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const { id } = await signIn(page, web, "steward");
    await db.updateTable("users").set({ agency: AGENCY }).where("id", "=", id).execute();

    await page.goto(`${web}/my`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Мои показатели");
    const row = page.locator(`[data-table="my-indicators"] tr[data-indicator="${mine}"]`);
    await row.waitFor();
    expect(await page.locator(`tr[data-indicator="${other}"]`).count()).toBe(0);
    expect(await row.locator("[data-narratives]").getAttribute("data-narratives")).toBe("0");
    // The test programme ended in 2022: every period's date has come, nothing more is owed.
    await expect(row.locator("[data-due]").textContent()).resolves.toBe(
      "больше ничего не причитается",
    );
    // 2019 is red (10 against 60), and so are the years judged on it since: each needs a narrative
    // (once the worker has computed the new programme's statuses; this page does not poll).
    await expect
      .poll(
        async () => {
          await page.reload();
          return row.locator("[data-missing]").count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    const missing = Number(await row.locator("[data-missing]").getAttribute("data-missing"));
    expect(missing).toBeGreaterThanOrEqual(1);
    const count = (key: string) => page.locator(`[data-count="${key}"] dd`).textContent();
    await expect(count("missing")).resolves.toBe(String(missing));
    await saveScreenshot(page, "my-indicators");

    // The overview marks the years that need a narrative (the agency's indicator, filtered).
    const overview = `${web}/?program=${program.code}&agency=${AGENCY}`;
    const mark = () =>
      page
        .locator(`[data-indicator="${mine}"] [data-needs-narrative]`)
        .first()
        .getAttribute("data-needs-narrative");
    await page.goto(overview);
    await expect(mark()).resolves.toMatch(/(^|,)2019(,|$)/);
    await page.goto(`${web}/my`);

    await writeNarrative(db, {
      code: mine,
      year: 2019,
      body: { explanation: { ru: "Финансирование поступило поздно" } },
      places: null,
      actor: "test",
    });
    await page.reload();
    await expect(count("narratives")).resolves.toBe("1");
    await expect(count("missing")).resolves.toBe(String(missing - 1));

    // The indicator page names the agency and shows the Russian narrative.
    await row.locator("a").first().click();
    await page.waitForURL(new RegExp(`/indicators/${mine}`));
    await expect(page.locator("[data-agency] dd").textContent()).resolves.toBe(
      "Министерство тестов",
    );
    await expect(page.locator('[data-narrative-year="2019"]').textContent()).resolves.toContain(
      "Финансирование поступило поздно",
    );

    // The overview, filtered by the agency, lists its indicator only.
    await page.goto(overview);
    await page.locator(`[data-indicator="${mine}"]`).first().waitFor();
    const after = page.locator(`[data-indicator="${mine}"] [data-needs-narrative]`);
    if ((await after.count()) > 0) await expect(mark()).resolves.not.toMatch(/(^|,)2019(,|$)/);
    expect(await page.locator(`[data-indicator="${other}"]`).count()).toBe(0);
    expect(await page.locator('select[name="agency"]').inputValue()).toBe(AGENCY);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("lists the narratives a programme owes for managers, without those written", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    await context.addCookies([{ name: "spm_lang", value: "ru", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, web, "manager");
    await page.goto(`${web}/narratives?program=${program.code}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Нужны пояснения");
    const owed = (year: number) =>
      page.locator(
        `[data-table="narratives-owed"] tr[data-indicator="${mine}"][data-region="ZZ"][data-year="${year}"]`,
      );
    // The previous test wrote 2019's narrative; the years judged on 2019's red figure since owe one.
    await owed(2020).waitFor();
    expect(await owed(2019).count()).toBe(0);
    await expect(owed(2020).locator("[data-level]").getAttribute("data-level")).resolves.toBe(
      "red",
    );
    await owed(2020).locator("a").click();
    await page.waitForURL(new RegExp(`/indicators/${mine}\\?year=2020`));
    await page.locator("#narratives-title").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets an administrator give an account its agency, audited", async () => {
    const context = await browser.newContext({ locale: "ru-RU" });
    await context.addCookies([{ name: "spm_lang", value: "ru", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, web, "admin");
    const steward = await createTestUser(db, { role: "steward" });
    await page.goto(`${web}/admin/users`);
    const row = page.locator(`tr[data-username="${steward.username}"]`);
    await expect(row.locator("[data-agency]").textContent()).resolves.toBe("нет");
    await row.locator("button[aria-haspopup=dialog]").click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('select[name="agency"]').selectOption(AGENCY);
    await dialog.locator('button[type="submit"]').click();
    await expect(
      page
        .locator(`tr[data-username="${steward.username}"] [data-agency="${AGENCY}"]`)
        .textContent(),
    ).resolves.toBe("Министерство тестов");
    const user = await findUserByUsername(db, steward.username);
    expect(user?.agency).toBe(AGENCY);
    const audit = await db
      .selectFrom("audit_log")
      .select("after")
      .where("entity_id", "=", user?.id ?? "")
      .where("action", "=", "user.update")
      .execute();
    expect(audit.map((a) => a.after)).toContainEqual(expect.objectContaining({ agency: AGENCY }));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("tells a user of no agency what to ask for", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await signIn(page, web, "viewer");
    await page.goto(`${web}/my`);
    await expect(page.locator(".empty").textContent()).resolves.toContain("belongs to no agency");
    await context.close();
  });
});
