import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** Runs axe-core over whatever is on the page (opened with bypassCSP: axe is an inline script). */
export async function runAxe(page: Page): Promise<AxeResults> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
  );
}

/** Runs axe-core in the page and returns the serious and critical violations, readably. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await runAxe(page);
  // A page that was not really checked (empty, or axe not running) must not pass silently.
  expect(results.passes.map((p) => p.id)).toEqual(
    expect.arrayContaining(["color-contrast", "document-title", "html-has-lang"]),
  );
  return results.violations
    .filter((v: Result) => v.impact === "serious" || v.impact === "critical")
    .map((v: Result) => {
      const where = v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`);
      return `${v.id} (${v.impact}): ${v.help}\n    ${where.join("\n    ")}`;
    });
}
