// The annual report's PDF through the dashboard's origin: rendered by the API's headless
// Chromium from the report page with the reader's own permission, read back with poppler's
// pdftotext, and answered from the cache the second time (issue 17).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hasDemoData, loadProgramDefinitions } from "@spm/db";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram, loadDemoData, removeDemoData } from "@spm/services";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiSession, settleStatusWork, tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const SEED = "KZ-SPCRET-2018-2022";
const dir = mkdtempSync(path.join(tmpdir(), "spm-report-"));
const secretProgram = buildProgram({ indicators: [{ unit: "number" }] });
const SECRET = /876[\s,.]?543/;
let loadedDemo = false;

/** The PDF's pages and text (whitespace runs made one space: names wrap across lines). */
function readPdf(bytes: Buffer, name: string): { pages: number; text: string } {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0),
    text: text.replace(/\s+/g, " "),
  };
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

async function getPdf(query: string, cookie: string): Promise<Response> {
  return fetch(`${web}/api/v1/reports/annual.pdf?${query}`, { headers: { cookie } });
}

beforeAll(async () => {
  if (!(await hasDemoData(db))) {
    await loadDemoData(db, "test");
    loadedDemo = true;
  }
  await importProgram(db, secretProgram, "test");
  const code = secretProgram.indicators[0]?.code as string;
  const steward = await tokenFor("steward");
  const res = await fetch(`${web}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${steward}`, "content-type": "application/json" },
    body: JSON.stringify({
      observations: [
        { indicator: code, period: "2018", region: "ZZ", value: 45, source: "open source" },
        { indicator: code, period: "2019", region: "ZZ", value: 876543, flag: "confidential" },
      ],
    }),
  });
  expect(res.status).toBe(202);
  const { uploadId } = (await res.json()) as { uploadId: string };
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`${web}/api/v1/uploads/${uploadId}`, {
      headers: { authorization: `Bearer ${steward}` },
    });
    if (((await up.json()) as { status: string }).status !== "processing") break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await settleStatusWork();
}, 180_000);

afterAll(async () => {
  // The statuses follow before the next suite reads a page (its self-refresh would redraw it).
  if (loadedDemo) await removeDemoData(db, "test").then(settleStatusWork);
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe("the annual report's PDF", () => {
  it("holds the Russian names of the seed programme and of every indicator, over several pages, and comes from the cache the second time", async () => {
    const { cookie } = await apiSession(web, "viewer");
    const query = `program=${SEED}&year=2020&lang=ru`;
    const res = await getPdf(query, cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-cache")).toBe("miss");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { pages, text } = readPdf(bytes, "seed-ru");
    const seed = (await loadProgramDefinitions(db)).find((p) => p.code === SEED);
    expect(seed).toBeDefined();
    expect(pages).toBeGreaterThan(3);
    expect(text).toContain(oneLine(seed?.name.ru ?? "?"));
    for (const indicator of seed?.indicators ?? [])
      expect(text).toContain(oneLine(indicator.name.ru));
    expect(text).toContain("Годовой отчёт");
    // Page numbers in the footer: "1 / N" on the cover.
    expect(text).toContain(`1 / ${pages}`);

    const again = await getPdf(query, cookie);
    expect(again.headers.get("x-cache")).toBe("hit");
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
  }, 120_000);

  it("withholds a confidential figure from a viewer without the right and shows it with it", async () => {
    const query = `program=${secretProgram.code}&year=2020&lang=ru`;
    const plain = await apiSession(web, "viewer", { confidential: false });
    const withheld = await getPdf(query, plain.cookie);
    expect(withheld.status).toBe(200);
    const hidden = readPdf(Buffer.from(await withheld.arrayBuffer()), "secret-plain").text;
    expect(hidden).toContain("open source");
    expect(hidden).toContain("конфиденциально");
    expect(hidden).not.toMatch(SECRET);

    const cleared = await apiSession(web, "viewer", { confidential: true });
    const shown = await getPdf(query, cleared.cookie);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("x-cache"), "a cached PDF is never shared across permissions").toBe(
      "miss",
    );
    expect(readPdf(Buffer.from(await shown.arrayBuffer()), "secret-cleared").text).toMatch(SECRET);
  }, 120_000);

  it("renders in a token's own permission, never its creator's or a privileged one", async () => {
    const query = `program=${secretProgram.code}&year=2019&lang=en`;
    const read = async (token: string) => {
      const res = await fetch(`${web}/api/v1/reports/annual.pdf?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return readPdf(Buffer.from(await res.arrayBuffer()), `token-${token.length}`).text;
    };
    expect(await read(await tokenFor("admin", undefined, { confidential: false }))).not.toMatch(
      SECRET,
    );
    expect(await read(await tokenFor("viewer", undefined, { confidential: true }))).toMatch(SECRET);
  }, 120_000);

  it("is linked from the reports page, for each year, in the reader's language", async () => {
    const { cookie } = await apiSession(web, "viewer");
    const page = await fetch(`${web}/reports`, { headers: { cookie: `${cookie}; spm_lang=kk` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const href = /href="(\/api\/v1\/reports\/annual\.pdf\?[^"]*year=2019[^"]*)"/.exec(html)?.[1];
    expect(href, "a PDF link for 2019").toBeDefined();
    const url = new URL((href ?? "").replaceAll("&amp;", "&"), web);
    expect(url.searchParams.get("program")).toBe(SEED);
    expect(url.searchParams.get("lang")).toBe("kk");
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`${SEED}-2019-kk.pdf`);
    expect(readPdf(Buffer.from(await res.arrayBuffer()), "seed-kk").text).toContain("Жылдық есеп");
  }, 120_000);

  it("answers a bad request with a problem naming the field, and nothing without credentials", async () => {
    const { cookie } = await apiSession(web, "viewer");
    const outside = await getPdf(`program=${SEED}&year=2031`, cookie);
    expect(outside.status).toBe(422);
    const problem = (await outside.json()) as { code: string; invalid: { field: string }[] };
    expect(problem.code).toBe("report_out_of_range");
    expect(problem.invalid[0]?.field).toBe("year");
    expect((await getPdf(`program=NOPE-1&year=2020`, cookie)).status).toBe(404);
    expect((await getPdf(`program=${SEED}&year=20x0`, cookie)).status).toBe(400);
    expect((await getPdf(`program=${SEED}&year=2020`, "")).status).toBe(401);
  });
});
