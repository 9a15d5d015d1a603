// Data quality in Chromium (issue 18): a warning rule and an outlier warn on an upload through
// the real API and worker; the steward's /data-quality page lists them in Russian on a phone
// without sideways scroll, marks one figure for follow-up and clears it, both in the audit log;
// a dry run's report on /uploads lists its warnings (in Kazakh) and the list leaves them out.
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../axe";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn, tokenFor } from "../support";

const web = inject("webUrl");
const api = inject("apiUrl");
const db = createTestDb();
let browser: Browser;
const program = buildProgram({
  indicators: [
    {
      disaggregation: "regional",
      validation: [{ rule: "max", value: 80, severity: "warning" }],
    },
  ],
});
const [IND] = program.indicators.map((i) => i.code) as [string];

async function send(observations: unknown[]) {
  const headers = {
    authorization: `Bearer ${await tokenFor("steward")}`,
    "content-type": "application/json",
  };
  const res = await fetch(`${api}/api/v1/observations`, {
    method: "POST",
    headers,
    body: JSON.stringify({ observations }),
  });
  const { uploadId } = (await res.json()) as { uploadId: string };
  for (let i = 0; i < 150; i++) {
    const report = await fetch(`${api}/api/v1/uploads/${uploadId}`, { headers });
    const body = (await report.json()) as { status: string; warnings: { code: string }[] };
    if (body.status === "completed") return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`upload ${uploadId} did not complete`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  await importProgram(db, program, "test");
  const history = [30, 31, 29, 30, 30].map((value, i) => ({
    indicator: IND,
    region: "ZZ-N",
    period: String(2012 + i),
    value,
  }));
  await send(history);
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

describe("the data-quality page in Chromium", () => {
  it("lists a rule's and an outlier's warnings, marks a figure for follow-up and clears it", async () => {
    const report = await send([
      { indicator: IND, region: "ZZ-S", period: "2018", value: 85 },
      { indicator: IND, region: "ZZ-N", period: "2017", value: 55 },
    ]);
    expect(report.warnings.map((w) => w.code)).toEqual(["rule_max", "outlier"]);

    const context = await browser.newContext({
      locale: "ru-RU",
      viewport: { width: 390, height: 844 },
      // axe-core is injected as an inline script (tests/e2e/csp.test.ts checks the policy).
      bypassCSP: true,
    });
    await context.addCookies([{ name: "spm_lang", value: "ru", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const steward = await signIn(page, web, "steward");
    await page.goto(`${web}/data-quality?program=${program.code}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Качество данных");
    const rows = page.locator('[data-table="data-quality"] tbody tr');
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-code")))).toEqual([
      "rule_max",
      "outlier",
    ]);
    await expect(rows.first().textContent()).resolves.toContain(
      "85 больше максимума индикатора (80).",
    );
    // Names in the reader's language, not codes: the indicator, the place, the marker.
    await expect(rows.first().locator("a").first().textContent()).resolves.toBe("Indicator 0 (ru)");
    await expect(rows.first().locator("[data-region]").textContent()).resolves.toBe("South (ru)");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, "data-quality");

    const outlier = rows.nth(1);
    await outlier.locator('input[name="comment"]').fill("уточнить у области");
    await outlier.locator("button").click();
    await expect
      .poll(() => outlier.locator("[data-followed]").getAttribute("data-followed"))
      .toBe("yes");
    await expect(outlier.textContent()).resolves.toContain("уточнить у области");
    await expect(outlier.textContent()).resolves.toContain(steward.username);
    await expect(outlier.textContent()).resolves.not.toContain("user:");
    await outlier.locator("button").click();
    await expect
      .poll(() => outlier.locator("[data-followed]").getAttribute("data-followed"))
      .toBe("no");

    const at = `entityType=figure&entityId=${IND}:ZZ-N:2017`;
    const audit = await fetch(`${api}/api/v1/audit?${at}`, {
      headers: { authorization: `Bearer ${await tokenFor("admin")}` },
    });
    const entries = ((await audit.json()) as { entries: { action: string; entity_id: string }[] })
      .entries;
    expect(entries.map((e) => e.action)).toEqual([
      "data_quality.follow_up_clear",
      "data_quality.follow_up",
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a dry run's report on /uploads lists its warnings in the reader's language", async () => {
    const context = await browser.newContext({ locale: "kk-KZ" });
    await context.addCookies([{ name: "spm_lang", value: "kk", url: web }]);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, web, "steward");
    const res = await page.request.post(`${web}/api/v1/observations`, {
      headers: { origin: web },
      data: {
        dryRun: true,
        observations: [{ indicator: IND, region: "ZZ-S", period: "2019", value: 95 }],
      },
    });
    expect(res.status()).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    await expect
      .poll(
        async () => {
          const report = await page.request.get(`${web}/api/v1/uploads/${uploadId}`);
          return ((await report.json()) as { status: string }).status;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe("completed");
    await page.goto(`${web}/uploads?upload=${uploadId}`);
    const warnings = page.locator("[data-warnings] li");
    expect(await warnings.evaluateAll((l) => l.map((x) => x.getAttribute("data-warning")))).toEqual(
      ["rule_max"],
    );
    await expect(warnings.first().textContent()).resolves.toBe(
      "1: 95 индикатордың ең үлкен мәнінен (80) артық.",
    );
    // A dry run's warnings stay out of the data-quality list.
    await page.goto(`${web}/data-quality?program=${program.code}`);
    expect(await page.locator('tr[data-code="rule_max"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
