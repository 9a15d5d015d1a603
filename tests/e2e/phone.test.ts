// Every main page on a phone (Chromium at 390 × 844), as the role that uses it: the page never
// scrolls sideways (wide tables scroll inside their own box or stack), the navigation folds into
// a menu that opens with the keyboard, and a screenshot of each is kept (tests/e2e/screenshots).
import type { Role } from "@spm/db";
import { buildProgram, createTestDb, storeFigures } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../axe";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { apiSession, signIn, tokenFor } from "../support";

const web = inject("webUrl");
const api = inject("apiUrl");
const PHONE = { width: 390, height: 844 };
const db = createTestDb();
let browser: Browser;
let arranged: { program: string; indicator: string; alert: string; rule: string };

/** A programme with several levels on its overview (long Russian names included). */
async function arrangeProgram() {
  const regional = { disaggregation: "regional" as const };
  const program = buildProgram({ indicators: [regional, regional, {}, {}] });
  const [first, second, third] = program.indicators.map((i) => i.code);
  await importProgram(db, program, "test");
  await storeFigures(
    db,
    [
      { indicator: first ?? "", region: "ZZ-N", value: 95 },
      { indicator: first ?? "", region: "ZZ-S", value: 45 },
      { indicator: second ?? "", region: "ZZ-N", value: 75 },
      { indicator: third ?? "", region: "ZZ", value: 45 },
    ],
    "phone-test",
  );
  return { program: program.code, indicator: first ?? "" };
}

/** The first alert and rule a manager sees (the seed's rule fires for its overdue indicators). */
async function firstAlertAndRule(): Promise<{ alert: string; rule: string }> {
  const headers = { authorization: `Bearer ${await tokenFor("manager")}` };
  const rules = (await (await fetch(`${api}/api/v1/alert-rules`, { headers })).json()) as {
    rules: { id: string }[];
  };
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${api}/api/v1/alerts?state=firing`, { headers });
    const { alerts } = (await res.json()) as { alerts: { id: string }[] };
    if (alerts[0]) return { alert: alerts[0].id, rule: rules.rules[0]?.id ?? "" };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("no alert fired");
}

beforeAll(async () => {
  browser = await launchBrowser();
  arranged = { ...(await arrangeProgram()), ...(await firstAlertAndRule()) };
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

type Arranged = typeof arranged;
// Every main page, as the role that uses it.
// Russian unless said otherwise (its words are among the longest; Kazakh's too).
const PAGES: {
  name: string;
  role: Role | null;
  path: (a: Arranged) => string;
  locale?: string;
}[] = [
  { name: "login", role: null, path: () => "/login" },
  { name: "api-docs", role: null, path: () => "/api-docs" },
  { name: "forbidden", role: "viewer", path: () => "/forbidden" },
  { name: "programs", role: "viewer", path: () => "/programs" },
  { name: "overview", role: "viewer", path: () => "/" },
  { name: "overview-levels", role: "viewer", path: (a) => `/?program=${a.program}` },
  {
    name: "overview-levels-kk",
    role: "viewer",
    path: (a) => `/?program=${a.program}`,
    locale: "kk-KZ",
  },
  { name: "programs-kk", role: "viewer", path: () => "/programs", locale: "kk-KZ" },
  { name: "indicator", role: "viewer", path: () => "/indicators/HQ_READINESS" },
  { name: "indicator-regional", role: "viewer", path: (a) => `/indicators/${a.indicator}` },
  { name: "regions", role: "viewer", path: () => "/regions" },
  { name: "regions-levels", role: "viewer", path: (a) => `/regions?program=${a.program}` },
  { name: "notifications", role: "viewer", path: () => "/notifications" },
  { name: "my", role: "steward", path: () => "/my" },
  { name: "reports", role: "viewer", path: () => "/reports" },
  { name: "completeness", role: "viewer", path: () => "/completeness" },
  { name: "indicator-manager", role: "manager", path: () => "/indicators/HQ_READINESS" },
  { name: "uploads", role: "steward", path: () => "/uploads" },
  { name: "entry", role: "steward", path: () => "/entry" },
  { name: "data-quality", role: "steward", path: (a) => `/data-quality?program=${a.program}` },
  { name: "alerts", role: "manager", path: () => "/alerts" },
  { name: "narratives-owed", role: "manager", path: () => "/narratives" },
  { name: "alert", role: "manager", path: (a) => `/alerts/${a.alert}` },
  { name: "rule", role: "manager", path: (a) => `/alerts/rules/${a.rule}` },
  { name: "rule-new", role: "manager", path: () => "/alerts/rules/new" },
  { name: "admin", role: "admin", path: () => "/admin" },
  { name: "admin-users", role: "admin", path: () => "/admin/users" },
  { name: "admin-tokens", role: "admin", path: () => "/admin/tokens" },
  { name: "admin-audit", role: "admin", path: () => "/admin/audit" },
  { name: "admin-outbox", role: "admin", path: () => "/admin/outbox" },
  { name: "admin-sources", role: "admin", path: () => "/admin/sources" },
  { name: "admin-programs", role: "admin", path: () => "/admin/programs" },
];

/**
 * How wide the page is, and the outermost elements that stick out of the screen without a
 * scrolling box of their own around them (what makes the page scroll sideways).
 */
function measure(page: Page) {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const clipped = (el: Element | null): boolean => {
      for (let p = el?.parentElement; p && p !== document.body; p = p.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= limit + 0.5 || clipped(el)) continue;
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && parent.right > limit + 0.5 && !clipped(el.parentElement)) continue;
      const name = `${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]}`;
      out.push(`${name} right=${Math.round(box.right)} "${el.textContent?.slice(0, 40)}"`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 8) };
  });
}

describe("every main page at 390 × 844 in Chromium", () => {
  for (const { name, role, path, locale = "ru-RU" } of PAGES) {
    it(`${name} as ${role ?? "a visitor"} has no sideways scroll and no serious axe violation`, async () => {
      // bypassCSP: axe-core is injected as an inline script (tests/e2e/csp.test.ts checks the policy).
      const page = await browser.newPage({ locale, viewport: PHONE, bypassCSP: true });
      const errors = collectErrors(page);
      if (role) await signIn(page, web, role);
      await expectFits(page, name, path(arranged));
      expect(await seriousViolations(page), name).toEqual([]);
      expect(errors, name).toEqual([]);
      await page.close();
    });
  }

  it("an upload's report as its steward has no sideways scroll", async () => {
    const page = await browser.newPage({ locale: "ru-RU", viewport: PHONE });
    await signIn(page, web, "steward");
    const indicator = arranged.indicator;
    const res = await page.request.post(`${web}/api/v1/observations`, {
      headers: { origin: web },
      data: {
        observations: [
          { indicator, period: "2021", region: "ZZ-N", value: 80 },
          { indicator, period: "2021", region: "ZZ-NOWHERE", value: 80 },
          { indicator, period: "2021W10", region: "ZZ-S", value: "много" },
        ],
      },
    });
    expect(res.status()).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    for (let i = 0; i < 100; i++) {
      const report = await page.request.get(`${web}/api/v1/uploads/${uploadId}`);
      if (((await report.json()) as { status: string }).status === "completed") break;
      await page.waitForTimeout(200);
    }
    await expectFits(page, "upload-report", `/uploads?upload=${uploadId}`);
    expect(await page.locator("[data-errors] tbody tr").count()).toBeGreaterThanOrEqual(2);
    // The stored report words each error from its parameters (the region the steward sent).
    await expect(page.locator("[data-errors] tbody").textContent()).resolves.toContain(
      "Неизвестный регион «ZZ-NOWHERE».",
    );
    await page.close();
  });
});

/** Opens a page and checks that nothing makes it wider than the phone; keeps a screenshot. */
async function expectFits(page: Page, name: string, path: string) {
  const res = await page.goto(`${web}${path}`);
  expect(res?.status(), name).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const got = await measure(page);
  expect(got, name).toEqual({ scrollWidth: expect.any(Number), out: [] });
  expect(got.scrollWidth, name).toBeLessThanOrEqual(PHONE.width);
  // Every traffic light keeps its icon and its word, stacked or not.
  const badges = await page.locator(".badge[data-level]").evaluateAll((els) =>
    els.map((el) => ({
      icon: el.querySelector("use")?.getAttribute("href")?.startsWith("#spm-i-") ?? false,
      word: (el.textContent ?? "").trim().length > 0,
    })),
  );
  expect(
    badges.filter((b) => !b.icon || !b.word),
    name,
  ).toEqual([]);
  await saveScreenshot(page, `phone-${name}`);
}

describe("the navigation on a phone", () => {
  it("folds into a menu that opens and closes by keyboard, whose links lead to their pages", async () => {
    const page = await browser.newPage({ locale: "en-GB", viewport: PHONE, bypassCSP: true });
    const me = await signIn(page, web, "manager");
    const button = page.locator("header button.menu-button");
    // Folded with the bell, its unread count shows on the button.
    await db
      .insertInto("notifications")
      .values({
        dedupe_key: `phone-test-${me.id}`,
        kind: "firing",
        channel: "in_app",
        alert_id: null,
        user_id: me.id,
        address: null,
        lang: "en",
        payload: JSON.stringify({ type: "test" }),
        status: "unread",
        message: null,
        last_error: null,
        sent_at: null,
        read_at: null,
        claimed_at: null,
        claimed_by: null,
      })
      .execute();
    await page.locator("header button.menu-button .count").waitFor();
    await expect(page.getByRole("button", { name: /^Menu ?, 1 unread$/ }).count()).resolves.toBe(1);
    const links = page.locator("header nav a");
    // Folded: the button says so, and no link of the menu is shown.
    await expect(button.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(links.first().isVisible()).resolves.toBe(false);
    const controls = await button.getAttribute("aria-controls");
    expect(controls).toBeTruthy();
    // Opened from the keyboard: Tab reaches the button after the brand, Enter opens it.
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button.getAttribute("aria-expanded")).resolves.toBe("true");
    await expect(page.locator(`[id="${controls}"]`).isVisible()).resolves.toBe(true);
    await expect(links.allTextContents()).resolves.toEqual([
      "Overview",
      "My indicators",
      "Programmes",
      "Regions",
      "Reports",
      "Enter figures",
      "Uploads",
      "Data quality",
      "Approvals",
      "Alerts",
      "Narratives owed",
      "API",
    ]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, "phone-menu-open");
    expect(await seriousViolations(page)).toEqual([]);
    // Escape folds it again and gives the focus back to the button.
    await page.keyboard.press("Escape");
    await expect(button.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe(
      "menu-button",
    );
    // A link of the menu leads to its page.
    await button.click();
    await Promise.all([
      page.waitForURL(`${web}/alerts`),
      links.filter({ hasText: "Alerts" }).click(),
    ]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Alerts");
    await page.locator("header button.menu-button").click();
    await Promise.all([
      page.waitForURL(`${web}/programs`),
      page.locator("header nav a", { hasText: "Programmes" }).click(),
    ]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Programmes");
    await page.close();
  });

  it("shows every link unfolded without script (nothing could open the menu)", async () => {
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: PHONE,
      javaScriptEnabled: false,
    });
    const { cookie } = await apiSession(web, "viewer");
    const at = cookie.indexOf("=");
    await context.addCookies([
      { name: cookie.slice(0, at), value: cookie.slice(at + 1), url: web },
    ]);
    const page = await context.newPage();
    await page.goto(`${web}/`);
    await expect(page.locator("header button.menu-button").isVisible()).resolves.toBe(false);
    const links = page.locator("header nav a");
    await expect(links.allTextContents()).resolves.toEqual([
      "Overview",
      "My indicators",
      "Programmes",
      "Regions",
      "Reports",
      "API",
    ]);
    for (const link of await links.all()) await expect(link.isVisible()).resolves.toBe(true);
    await Promise.all([
      page.waitForURL(`${web}/regions`),
      links.filter({ hasText: "Regions" }).click(),
    ]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it("shows the whole navigation without a menu button on a wide screen", async () => {
    const page = await browser.newPage({ locale: "en-GB", viewport: { width: 1280, height: 800 } });
    await signIn(page, web, "viewer");
    await expect(page.locator("header button.menu-button").isVisible()).resolves.toBe(false);
    await expect(page.locator("header nav a", { hasText: "Regions" }).isVisible()).resolves.toBe(
      true,
    );
    await page.close();
  });
});

describe("the indicator chart", () => {
  it("follows its box when the window narrows to a phone's width", async () => {
    const page = await browser.newPage({ locale: "en-GB", viewport: { width: 1280, height: 800 } });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/indicators/${arranged.indicator}`);
    const canvas = page.locator("figure.indicator-chart canvas");
    await canvas.waitFor();
    const wide = await canvas.evaluate((c) => c.getBoundingClientRect().width);
    expect(wide).toBeGreaterThan(800);
    await page.setViewportSize(PHONE);
    await page.waitForFunction(
      () => (document.querySelector("figure.indicator-chart canvas")?.clientWidth ?? 999) < 390,
    );
    const box = await canvas.evaluate((c) => c.getBoundingClientRect());
    expect(box.right).toBeLessThanOrEqual(PHONE.width);
    expect(box.height).toBeGreaterThan(200); // the box's height, not squeezed to the width
    await expect(
      page.evaluate(() => document.documentElement.scrollWidth),
    ).resolves.toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });
});
