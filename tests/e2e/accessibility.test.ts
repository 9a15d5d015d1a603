import type { Role } from "@spm/db";
import { buildProgram, createTestDb, storeFigures } from "@spm/db/test/factories";
import { programDefinitionSchema } from "@spm/kpi";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runAxe, seriousViolations } from "../axe";
import { launchBrowser } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;
let arranged: { program: string; indicator: string };

/**
 * A programme whose pages show every colour (the seed shows only "overdue"): national levels
 * green, amber, red, overdue and monitored, and a regional one on target in the north and far
 * behind in the south, both regions on the tile map.
 */
async function arrangeEveryLevel() {
  const regional = { disaggregation: "regional" as const };
  const base = buildProgram({
    indicators: [regional, regional, regional, regional, { polarity: "monitor", targets: {} }],
  });
  const [north, south] = base.regions;
  const program = programDefinitionSchema.parse({
    ...base,
    regions: [
      { ...north, tile: { row: 1, col: 1 } },
      { ...south, tile: { row: 2, col: 1 } },
    ],
  });
  const [green, amber, red] = program.indicators.map((i) => i.code);
  await importProgram(db, program, "test");
  await storeFigures(
    db,
    [
      { indicator: green ?? "", region: "ZZ-N", value: 95 },
      { indicator: green ?? "", region: "ZZ-S", value: 45 },
      { indicator: amber ?? "", region: "ZZ", value: 75 },
      { indicator: red ?? "", region: "ZZ", value: 45 },
      { indicator: program.indicators[4]?.code ?? "", region: "ZZ", value: 12 },
    ],
    "accessibility-test",
  );
  return { program: program.code, indicator: green ?? "" };
}

beforeAll(async () => {
  browser = await launchBrowser();
  arranged = await arrangeEveryLevel();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

// Pages are opened with bypassCSP: axe-core is injected as an inline script, which the pages'
// policy rightly refuses (tests/e2e/csp.test.ts checks the policy itself).

type Arranged = typeof arranged;
// Every main page, as the least role that may open it; the seed's, then the arranged programme's.
const PAGES: { name: string; role: Role | null; path: (a: Arranged) => string }[] = [
  { name: "/login", role: null, path: () => "/login" },
  { name: "/api-docs", role: null, path: () => "/api-docs" },
  { name: "/", role: "viewer", path: () => "/" },
  { name: "/programs", role: "viewer", path: () => "/programs" },
  { name: "/ (every level)", role: "viewer", path: (a) => `/?program=${a.program}` },
  { name: "/indicators/HQ_READINESS", role: "viewer", path: () => "/indicators/HQ_READINESS" },
  { name: "/indicators/<regional>", role: "viewer", path: (a) => `/indicators/${a.indicator}` },
  { name: "/regions", role: "viewer", path: () => "/regions" },
  { name: "/regions (every level)", role: "viewer", path: (a) => `/regions?program=${a.program}` },
  { name: "/uploads", role: "steward", path: () => "/uploads" },
  { name: "/data-quality", role: "viewer", path: (a) => `/data-quality?program=${a.program}` },
  { name: "/approvals", role: "manager", path: (a) => `/approvals?program=${a.program}` },
  { name: "/admin/users", role: "admin", path: () => "/admin/users" },
  { name: "/admin/tokens", role: "admin", path: () => "/admin/tokens" },
  { name: "/admin/audit", role: "admin", path: () => "/admin/audit" },
  { name: "/admin/outbox", role: "admin", path: () => "/admin/outbox" },
  { name: "/admin/sources", role: "admin", path: () => "/admin/sources" },
  { name: "/admin/programs", role: "admin", path: () => "/admin/programs" },
  { name: "/alerts", role: "manager", path: () => "/alerts" },
  { name: "/alerts/rules/new", role: "manager", path: () => "/alerts/rules/new" },
  { name: "/notifications", role: "viewer", path: () => "/notifications" },
];

describe("accessibility (axe-core) in Chromium", () => {
  it("finds what it should: a sanity check on a page built to fail", async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.setContent(
      '<html lang="en"><head><title>t</title></head><body><main><img src="data:,"><input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>',
    );
    const results = await runAxe(page);
    expect(results.violations.map((v) => v.id)).toEqual(
      expect.arrayContaining(["image-alt", "label", "color-contrast"]),
    );
    await page.close();
  });

  for (const { name, role, path } of PAGES) {
    it(`${name} as ${role ?? "a visitor"} has no serious or critical violation`, async () => {
      for (const locale of ["ru-RU", "en-GB"]) {
        const page = await browser.newPage({ locale, bypassCSP: true });
        if (role) await signIn(page, web, role);
        await page.goto(`${web}${path(arranged)}`);
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), `${name} in ${locale}`).toEqual([]);
        await page.close();
      }
    });
  }
});

describe("keyboard navigation", () => {
  it("offers a visible skip link first, which moves focus to the main content", async () => {
    const page = await browser.newPage({ locale: "en-GB", bypassCSP: true });
    await signIn(page, web, "viewer");
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent,
        href: el.getAttribute("href"),
        left: box.left,
        width: box.width,
      };
    });
    expect(skip).toMatchObject({ text: "Skip to content", href: "#main" });
    expect(skip.left).toBeGreaterThanOrEqual(0); // on screen once focused
    expect(skip.width).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });

  it("draws a visible focus outline on links, buttons and form fields", async () => {
    const page = await browser.newPage({ locale: "en-GB", bypassCSP: true });
    await signIn(page, web, "viewer");
    const outlines: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      outlines.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return `${el.tagName} ${style.outlineStyle} ${style.outlineWidth}`;
        }),
      );
    }
    for (const outline of outlines) expect(outline).toMatch(/ solid 3px$/);
    await page.close();
  });
});
