// Accessibility audit: axe-core (WCAG 2.1 A and AA rules) run inside Debian's Chromium on every
// main page, as the role that uses it. Serious and critical findings fail the test.
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const axeSource = createRequire(import.meta.url)("axe-core").source as string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function audit(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: [] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return (
      result.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[]
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
}

const serious = (findings: Finding[]) =>
  findings.filter((f) => f.impact === "serious" || f.impact === "critical");

const PAGES: [string, "viewer" | "steward" | "manager" | "admin", string[]][] = [
  ["viewer", "viewer", ["/", "/indicators/HQ_READINESS", "/regions", "/notifications"]],
  ["steward", "steward", ["/uploads"]],
  ["manager", "manager", ["/alerts", "/alerts/rules/new"]],
  ["admin", "admin", ["/admin/users", "/admin/tokens", "/admin/audit", "/admin/outbox"]],
];

describe("accessibility (axe-core, WCAG 2.1 AA) in Chromium", () => {
  it("finds what it should: a sanity check on a page built to fail", async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html><body><img src="data:,"><input type="text"><p style="color:#bbb;background:#fff">faint</p></body></html>',
    );
    const ids = serious(await audit(page)).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["image-alt", "label", "color-contrast"]));
    await page.close();
  });

  it("has no serious finding on the sign-in page, in Russian and Kazakh too", async () => {
    for (const locale of ["en-GB", "ru-RU", "kk-KZ"]) {
      const page = await browser.newPage({ locale });
      await page.goto(`${web}/login`);
      expect(serious(await audit(page)), locale).toEqual([]);
      await page.close();
    }
  });

  it.each(PAGES)("has no serious finding on the pages of a %s", async (_label, role, paths) => {
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, role);
    for (const path of paths) {
      await page.goto(`${web}${path}`);
      const findings = await audit(page);
      expect(serious(findings), path).toEqual([]);
      if (process.env.A11Y_REPORT) console.log(path, JSON.stringify(findings));
    }
    await page.close();
  });

  it("moves focus to the content with the skip link, and every control shows its focus", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/`);
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute("href"),
    }));
    expect(first).toEqual({ text: "Skip to content", href: "#main" });
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return getComputedStyle(el).outlineStyle;
    });
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#main");
    await page.close();
  });
});
