import { applyObservations } from "@spm/db";
import { buildProgram, createTestDb, createUploadRow } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectErrors, launchBrowser, saveScreenshot } from "../browser";
import { signIn } from "../support";

const web = inject("webUrl");
const db = createTestDb();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db.destroy();
});

describe("indicator page in Chromium", () => {
  it("explains a seeded overdue indicator with its chart, provenance and downloads", async () => {
    const context = await browser.newContext({ locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signIn(page, web, "viewer");
    // The overview links each indicator name to its page.
    await Promise.all([
      page.waitForURL(/\/indicators\/HQ_READINESS/),
      page.click('[data-indicator="HQ_READINESS"] a[href="/indicators/HQ_READINESS"]'),
    ]);
    await expect(page.locator("h1").textContent()).resolves.toMatch(
      /Readiness of operational headquarters/,
    );
    await saveScreenshot(page, "indicator");
    // The seed's figures end in 2017, so the current status is overdue (unless another test has
    // loaded synthetic demo figures into the shared database meanwhile): icon, word and level.
    const later = await db
      .selectFrom("observations")
      .select("period")
      .where("indicator_code", "=", "HQ_READINESS")
      .where("year", ">", 2017)
      .execute();
    const badge = page.locator('[data-status="current"] [data-level]');
    const level = await badge.getAttribute("data-level");
    if (later.length === 0) expect(level).toBe("overdue");
    const words: Record<string, string> = {
      overdue: "Overdue",
      green: "On target",
      amber: "Behind",
      red: "Far behind",
    };
    await expect(badge.textContent()).resolves.toContain(words[level ?? ""] ?? "?");
    await expect(page.locator('[data-explanation="current"]').textContent()).resolves.not.toBe("");
    await expect(page.locator("[data-illustrative]").textContent()).resolves.toMatch(
      /Illustrative targets/,
    );
    // The chart is a labelled canvas; its figures are also in the table by year.
    const canvas = page.locator('canvas[role="img"]');
    await canvas.waitFor();
    expect(await canvas.getAttribute("aria-label")).toMatch(/Readiness of operational/);
    const baselineRow = page.locator('[data-table="years"] tr[data-year="2017"]');
    await expect(baselineRow.textContent()).resolves.toContain("92%");
    // Provenance: the 2017 baseline figure with its source.
    const figure = page.locator('[data-table="provenance"] tr[data-figure$="|2017"]').first();
    await expect(figure.textContent()).resolves.toContain("note 34");
    await figure.locator("summary").click();
    expect(await figure.locator("details").getAttribute("open")).not.toBeNull();
    // A regional indicator lists every region, each with its own status.
    expect(await page.locator('[data-table="regions"] tr[data-region]').count()).toBeGreaterThan(
      10,
    );
    // Downloads: the series as CSV (with this session) and the chart as PNG.
    const csvHref = await page.locator('a[data-download="csv"]').getAttribute("href");
    const csv = await page.request.get(`${web}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
    const [header, ...rows] = (await csv.text()).trim().split(/\r?\n/);
    expect(header).toBe(
      "indicator,region,year,value,target,target_min,target_max,derived,complete,last_period,status,confidential,approval",
    );
    expect(rows).toContain("HQ_READINESS,KZ,2017,92,,,,false,true,2017,,false,provisional");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('button[data-download="png"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^HQ_READINESS-KZ-.*\.png$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("answers 401 to a CSV request without a session, and 404 for an unknown code", async () => {
    const anonymous = await browser.newContext();
    const csv = await anonymous.request.get(`${web}/indicators/HQ_READINESS/series.csv`);
    expect(csv.status()).toBe(401);
    await anonymous.close();
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, web, "viewer");
    const response = await page.goto(`${web}/indicators/NO_SUCH_INDICATOR_CODE`);
    expect(response?.status()).toBe(404);
    await page.close();
  });

  it("shows new regional figures, flags, their region comparison and history", async () => {
    const program = buildProgram({
      indicators: [{ disaggregation: "regional", owner: "Test ministry" }],
    });
    const code = program.indicators[0]?.code ?? "";
    await importProgram(db, program, "test");
    const upload = await createUploadRow(db, "indicator-test");
    await db.transaction().execute((trx) =>
      applyObservations(
        trx,
        [
          { indicator: code, region: "ZZ-N", period: "2018", year: 2018, value: 48, source: "N" },
          {
            indicator: code,
            region: "ZZ-N",
            period: "2019",
            year: 2019,
            value: 57.5,
            flag: "estimated",
            note: "preliminary count",
            source: "Northern statistics office",
          },
          { indicator: code, region: "ZZ-S", period: "2018", year: 2018, value: 50, source: "S" },
        ],
        { uploadId: upload.id, uploadSeq: upload.seq, author: "indicator-test" },
      ),
    );
    await db
      .updateTable("uploads")
      .set({ status: "completed", finished_at: new Date() })
      .where("id", "=", upload.id)
      .execute();

    const page = await browser.newPage({ locale: "en-GB" });
    const errors = collectErrors(page);
    await signIn(page, web, "viewer");
    // National view: 2018 is the mean of the two regions, marked as derived.
    await page.goto(`${web}/indicators/${code}?asOf=2020-03-01`);
    const national2018 = page.locator('[data-table="years"] tr[data-year="2018"]');
    await expect(national2018.textContent()).resolves.toMatch(/49%.*derived from the regions/);
    expect(await page.locator("[data-illustrative]").count()).toBe(0);
    // Region comparison: North behind (57.5 against 60 from 40: ratio 0.875), South on target.
    const north = page.locator('[data-table="regions"] tr[data-region="ZZ-N"]');
    const south = page.locator('[data-table="regions"] tr[data-region="ZZ-S"]');
    await expect(north.textContent()).resolves.toContain("57.5%");
    expect(await north.locator("[data-level]").first().getAttribute("data-level")).toBe("amber");
    expect(await south.locator("[data-level]").first().getAttribute("data-level")).toBe("green");
    // Following the region link keeps the date in the URL.
    await Promise.all([page.waitForURL(/region=ZZ-N/), page.click('nav a[href*="region=ZZ-N"]')]);
    expect(new URL(page.url()).searchParams.get("asOf")).toBe("2020-03-01");
    const row2019 = page.locator('[data-table="years"] tr[data-year="2019"]');
    await expect(row2019.textContent()).resolves.toContain("57.5%");
    expect(await row2019.locator("[data-level]").getAttribute("data-level")).toBe("amber");
    const figure = page.locator('[data-table="provenance"] tr[data-figure="ZZ-N|2019"]');
    await expect(figure.textContent()).resolves.toMatch(/estimated.*Northern statistics office/);
    await figure.locator("summary").click();
    await expect(figure.locator("details table").textContent()).resolves.toContain(
      "indicator-test",
    );
    await expect(page.locator('canvas[role="img"]').count()).resolves.toBe(1);
    const csv = await page.request.get(
      `${web}/indicators/${code}/series.csv?region=ZZ-N&asOf=2020-03-01`,
    );
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`${code},ZZ-N,2019,57.5,60,,,false,true,2019,amber`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("names the progress measure and its source, with its words, P, score and explanation", async () => {
    // Target 161.051 = 100·1.1^5 (2022); 116.64 in 2019 grew 8% a year of 10%: P = 0.8.
    const source = "test";
    const program = buildProgram({
      indicators: [
        {
          unit: "number",
          trajectory: "statcan",
          baseline: { year: 2017, value: 100, source },
          targets: { 2022: 161.051 },
          history: [{ period: "2019", value: 116.64, source }],
        },
      ],
    });
    const code = program.indicators[0]?.code ?? "";
    await importProgram(db, program, "test");
    const page = await browser.newPage({ locale: "en-GB" });
    const errors = collectErrors(page);
    await signIn(page, web, "viewer");
    await page.goto(`${web}/indicators/${code}?asOf=2020-06-01`);
    const badge = page.locator('[data-status="trajectory"] [data-level]');
    expect(await badge.getAttribute("data-level")).toBe("acceleration_needed");
    await expect(page.locator("[data-progress-status]").textContent()).resolves.toBe(
      "Moderate progress",
    );
    await expect(page.locator('[data-method="statcan"]').textContent()).resolves.toMatch(
      /Open SDG progress measure.*Statistics Canada.*sdg-build/,
    );
    await expect(page.locator('[data-explanation="trajectory"]').textContent()).resolves.toContain(
      "grew by 8% a year, against the 10% a year the target 161.05 (2022) needs: moderate progress (progress 0.8, score 1.43)",
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a programme's free texts in the reader's language (Kazakh), a plain one as written", async () => {
    const say = (en: string, ru: string, kk: string) => ({ en, ru, kk });
    const program = buildProgram({
      indicators: [
        {
          polarityReason: say("More is better", "Больше — лучше", "Көбірек — жақсырақ"),
          owner: say("Ministry of Tests", "Министерство тестов", "Тесттер министрлігі"),
          baseline: { year: 2017, value: 40, source: say("Census", "Перепись", "Санақ") },
          history: [
            { period: "2016", value: 38, source: say("Survey", "Обследование", "Зерттеу") },
            { period: "2015", value: 37, source: "Archive 1915" },
          ],
        },
      ],
    });
    await importProgram(db, program, "test");
    const page = await browser.newPage({ locale: "kk-KZ" });
    await signIn(page, web, "viewer");
    await page.goto(`${web}/indicators/${program.indicators[0]?.code}`);
    const header =
      (await page
        .locator("header")
        .filter({ has: page.locator("h1") })
        .first()
        .textContent()) ?? "";
    expect(header).toContain("Көбірек — жақсырақ");
    expect(header).toContain("Тесттер министрлігі");
    expect(header).toContain("Санақ");
    expect(header).not.toMatch(/More is better|Ministry of Tests|Census/);
    const provenance = (await page.locator('table[data-table="provenance"]').textContent()) ?? "";
    expect(provenance).toContain("Зерттеу");
    expect(provenance).not.toContain("Survey");
    expect(provenance).toContain("Archive 1915");
    await page.close();
  });
});
