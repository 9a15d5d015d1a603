// Approval in Chromium (issue 18): a steward submits a year on the approvals page in Russian, a
// manager approves it in English, and the indicator page marks that year's figure approved
// (icon and word) and an earlier one provisional.
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;
const program = buildProgram({
  indicators: [
    {
      history: [
        { period: "2020", value: 50, source: "test" },
        { period: "2021", value: 55, source: "test" },
      ],
    },
  ],
});
const code = program.indicators[0]?.code ?? "";
const page2021 = `${web}/approvals?program=${program.code}&year=2021`;

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, program, "test");
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

async function open(lang: "ru" | "en", role: "steward" | "manager"): Promise<Page> {
  const context = await browser.newContext({ locale: lang === "ru" ? "ru-RU" : "en-GB" });
  await context.addCookies([{ name: "spm_lang", value: lang, url: web }]);
  const page = await context.newPage();
  await signIn(page, web, role);
  return page;
}

describe("approvals in Chromium", () => {
  it("a steward submits a year, a manager approves it, the indicator page marks it approved", async () => {
    const steward = await open("ru", "steward");
    const errors = collectErrors(steward);
    await steward.goto(page2021);
    await expect(steward.locator("h1").textContent()).resolves.toBe("Утверждение данных");
    const nation = steward.locator('[data-table="approvals"] tr[data-unit="ZZ"]');
    await expect(nation.getAttribute("data-state")).resolves.toBe("open");
    await expect(nation.textContent()).resolves.toContain("1 по 1 показателям");
    // A steward may only submit.
    expect(await nation.locator("[data-approval-action]").count()).toBe(1);
    await nation.locator('[data-approval-action="submit"]').click();
    await expect.poll(() => nation.getAttribute("data-state")).toBe("submitted");
    await expect(nation.textContent()).resolves.toContain("представлено");
    const north = steward.locator('[data-table="approvals"] tr[data-unit="ZZ-N"]');
    await north.locator('[data-approval-action="submit"]').click();
    await expect.poll(() => north.getAttribute("data-state")).toBe("submitted");
    expect(errors).toEqual([]);

    const manager = await open("en", "manager");
    await manager.goto(page2021);
    const row = manager.locator('[data-table="approvals"] tr[data-unit="ZZ"]');
    await expect(row.textContent()).resolves.toMatch(/submitted by steward-/);
    await row.locator('[data-approval-action="approve"]').click();
    await expect.poll(() => row.getAttribute("data-state")).toBe("approved");
    await expect(row.textContent()).resolves.toContain("✔ approved");
    // The north goes back with a comment; its steward reads it in the notifications.
    const back = manager.locator('[data-table="approvals"] tr[data-unit="ZZ-N"]');
    await back.locator("[data-approval-comment]").fill("Нет данных по району");
    await back.locator('[data-approval-action="return"]').click();
    await expect.poll(() => back.getAttribute("data-state")).toBe("open");
    await expect(back.textContent()).resolves.toContain("(returned)");
    await saveScreenshot(manager, "approvals");
    await steward.goto(`${web}/notifications`);
    const notice = steward.locator("[data-inbox] li").first();
    await expect(notice.textContent()).resolves.toMatch(
      /вернул\(а\) данные за 2021 год.*Нет данных по району/,
    );
    await expect(steward.locator("[data-inbox] li a").first().getAttribute("href")).resolves.toBe(
      `/approvals?program=${program.code}&year=2021`,
    );

    await manager.goto(`${web}/indicators/${code}`);
    const mark = (year: number) =>
      manager.locator(`[data-table="years"] tr[data-year="${year}"] [data-approval]`);
    await expect(mark(2021).getAttribute("data-approval")).resolves.toBe("approved");
    await expect(mark(2021).textContent()).resolves.toBe("✔ approved");
    await expect(mark(2020).textContent()).resolves.toBe("◌ provisional");
    const csv = await manager.request.get(`${web}/indicators/${code}/series.csv`);
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toMatch(/,approval$/);
    expect(lines.find((l) => l.includes(",2021,"))).toMatch(/,approved$/);
    expect(lines.find((l) => l.includes(",2020,"))).toMatch(/,provisional$/);
  });
});
