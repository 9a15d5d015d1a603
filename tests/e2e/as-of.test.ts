import { buildProgram, createTestDb, storeFigures } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../browser";
import { settleStatusWork, signIn } from "../support";

// The pages on any day and "as reported on" a day. Indicator 0's 2018 figure (50, its target) is
// on target until 2019's falls due (2020-03-30), overdue after. Indicator 1's 2020 figure, and the
// regional indicator 2's in the North, were sent as 50 (far behind 70) on 2021-02-01 and revised
// to 70 (on target) on 2021-09-15.
const web = inject("webUrl");
const db = createTestDb();
const program = buildProgram({ indicators: [{}, {}, { disaggregation: "regional" }] });
const [dueing, revised, regional] = program.indicators.map((i) => i.code) as [
  string,
  string,
  string,
];
let browser: Browser;

/** Stores figures of a year as one upload whose revisions were recorded at a past instant. */
async function sendOn(
  figures: { indicator: string; region: string; value: number }[],
  year: number,
  recordedAt: string,
) {
  const author = `as-of-${program.code}-${recordedAt}`;
  await storeFigures(db, figures, author, year);
  await db
    .updateTable("observation_revisions")
    .set({ created_at: new Date(recordedAt) })
    .where("author", "=", author)
    .execute();
}

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, program, "test");
  await sendOn([{ indicator: dueing, region: "ZZ", value: 50 }], 2018, "2019-01-20T08:00:00Z");
  for (const [value, at] of [
    [50, "2021-02-01T10:00:00Z"],
    [70, "2021-09-15T12:00:00Z"],
  ] as const) {
    await sendOn(
      [
        { indicator: revised, region: "ZZ", value },
        { indicator: regional, region: "ZZ-N", value },
      ],
      2020,
      at,
    );
  }
  await settleStatusWork();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

const levelOf = (page: Page, code: string) =>
  page
    .locator(`[data-indicator="${code}"] td:nth-child(2) [data-level]`)
    .getAttribute("data-level");

/** Sets the overview's days in its filter form and applies them. */
async function applyDays(page: Page, days: { asOf: string; reportedOn: string }) {
  const form = page.locator("form.filters:not([data-export])");
  await form.locator('input[name="asOf"]').fill(days.asOf);
  await form.locator('input[name="reportedOn"]').fill(days.reportedOn);
  await Promise.all([page.waitForURL(/asOf=/), form.locator("button[type=submit]").click()]);
}

describe("the overview, regions and indicator pages on any day", () => {
  it("shows a day's levels, and the figures as reported on a day before and after a revision", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/?program=${program.code}`);
    await applyDays(page, { asOf: "2020-06-30", reportedOn: "" });
    await expect(levelOf(page, dueing)).resolves.toBe("overdue");
    await expect(levelOf(page, revised)).resolves.toBe("green");
    expect(await page.locator("[data-reported-on]").count()).toBe(0);

    await applyDays(page, { asOf: "2021-06-30", reportedOn: "2021-06-30" });
    await expect(levelOf(page, revised)).resolves.toBe("red");
    const row = page.locator(`[data-indicator="${revised}"]`);
    await expect(row.locator("td:nth-child(3)").textContent()).resolves.toContain("50");
    await expect(page.locator("[data-reported-on]").textContent()).resolves.toContain(
      "As reported on 2021-06-30: the figures as they were known at the end of that day",
    );

    // The indicator page opens with the same view, and its back link returns to it.
    await Promise.all([page.waitForURL(/\/indicators\//), row.locator("a").first().click()]);
    const opened = new URL(page.url()).searchParams;
    expect([opened.get("asOf"), opened.get("reportedOn")]).toEqual(["2021-06-30", "2021-06-30"]);
    await expect(page.locator("[data-reported-on]").getAttribute("data-reported-on")).resolves.toBe(
      "2021-06-30",
    );
    await expect(page.locator('input[name="reportedOn"]').inputValue()).resolves.toBe("2021-06-30");
    // Its provenance marks the revision that report did not have.
    const revisions = page.locator('[data-figure="ZZ|2020"] details tbody tr');
    await expect(revisions.count()).resolves.toBe(2);
    await expect(revisions.first().getAttribute("data-after-report")).resolves.toBe("");
    await expect(revisions.last().getAttribute("data-after-report")).resolves.toBeNull();
    await Promise.all([page.waitForURL(/\?program=/), page.locator("a[data-back]").click()]);
    const back = new URL(page.url()).searchParams;
    expect(Object.fromEntries(back)).toEqual({
      program: program.code,
      asOf: "2021-06-30",
      reportedOn: "2021-06-30",
    });
    await expect(levelOf(page, revised)).resolves.toBe("red");

    await applyDays(page, { asOf: "2021-06-30", reportedOn: "2021-09-15" });
    await expect(levelOf(page, revised)).resolves.toBe("green");
    await expect(row.locator("td:nth-child(3)").textContent()).resolves.toContain("70");
    await page.close();
  });

  it("shows the regions as reported on a day, and says why a day before the programme is not shown", async () => {
    const page = await browser.newPage({ locale: "ru-RU" });
    await signIn(page, web, "viewer");
    const north = page.locator('[data-region-grid] tr[data-region="ZZ-N"] td [data-level]');
    await page.goto(`${web}/regions?program=${program.code}&reportedOn=2021-06-30`);
    await expect(north.getAttribute("data-level")).resolves.toBe("red");
    await expect(page.locator("[data-reported-on]").textContent()).resolves.toContain(
      "По данным на 2021-06-30",
    );
    const cell = page.locator('[data-region-grid] tr[data-region="ZZ-N"] td a');
    await expect(cell.getAttribute("href")).resolves.toContain("reportedOn=2021-06-30");
    await page.fill('form[data-dates] input[name="reportedOn"]', "");
    await Promise.all([
      page.waitForURL(/asOf=2021-06-30/),
      page.click("form[data-dates] button[type=submit]"),
    ]);
    await expect(north.getAttribute("data-level")).resolves.toBe("green");
    // A year beside the date: its end.
    await page.selectOption('form[data-dates] select[name="year"]', "2020");
    await page.fill('form[data-dates] input[name="asOf"]', "");
    await Promise.all([
      page.waitForURL(/year=2020/),
      page.click("form[data-dates] button[type=submit]"),
    ]);
    await expect(page.locator("main p.muted").first().textContent()).resolves.toContain(
      "Статус на 2020-12-31",
    );
    await expect(north.getAttribute("data-level")).resolves.toBe("green");
    await page.goto(`${web}/regions?program=${program.code}&asOf=2016-01-01`);
    await expect(page.locator('[data-date-problem="asOf"]').textContent()).resolves.toBe(
      "Программа начинается 2018-01-01: «На дату» не может быть раньше; показано на сегодня.",
    );
    await page.close();
  });
});
