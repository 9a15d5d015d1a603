import { PassThrough } from "node:stream";
import { applyObservations } from "@spm/db";
import { buildProgram, createUploadRow } from "@spm/db/test/factories";
import { buildDhis2Mapping } from "@spm/kpi";
import {
  EXPORT_SHEETS,
  ExportAborted,
  importProgram,
  openProgramExport,
  refreshStatuses,
  writeNarrative,
} from "@spm/services";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAll } from "../parsing/test-support";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// A programme of two indicators, the first mapped to DHIS2 in the nation and the north only; the
// figure 7654.125 (flag confidential, a note quoting it) is in no target or baseline.
let app: TestApp;
const uid = () => `X${Math.random().toString(36).slice(2, 12).padEnd(10, "0")}`;
const DE = uid();
const UNITS = { ZZ: uid(), "ZZ-N": uid() };
const program = buildProgram({ indicators: [{ dhis2: [{ dataElement: DE }] }, {}] });
program.nation.dhis2 = [UNITS.ZZ];
(program.regions[0] as { dhis2?: string[] }).dhis2 = [UNITS["ZZ-N"]];
const [mapped, unmapped] = program.indicators.map((i) => i.code) as [string, string];
const LEAK = /7654/;
const FORMULA = '=HYPERLINK("http://evil.example","x")';
const FIGURES = [
  { indicator: mapped, region: "ZZ", period: "2018", year: 2018, value: 45, note: FORMULA },
  {
    indicator: mapped,
    region: "ZZ",
    period: "2019",
    year: 2019,
    value: 7654.125,
    flag: "confidential",
    note: "7654.125 as reported",
  },
  { indicator: mapped, region: "ZZ-N", period: "2018", year: 2018, value: 12 },
  { indicator: mapped, region: "ZZ-S", period: "2018", year: 2018, value: 13 },
  { indicator: unmapped, region: "ZZ", period: "2018", year: 2018, value: 99 },
  { indicator: mapped, region: "ZZ", period: "2021", year: 2021, value: 70 },
  // After the day asked for (2020-06-30): left out like the year after.
  { indicator: unmapped, region: "ZZ-N", period: "202009", year: 2020, value: 5 },
];
const SHOWN = FIGURES.filter((f) => f.year <= 2020 && f.period !== "202009");

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  const upload = await createUploadRow(app.db);
  await app.db
    .transaction()
    .execute((trx) =>
      applyObservations(trx, FIGURES, { uploadId: upload.id, uploadSeq: upload.seq, author: "t" }),
    );
  await refreshStatuses(app.db, { asOf: "2020-06-30", codes: [mapped, unmapped] });
  await writeNarrative(app.db, {
    code: mapped,
    year: 2018,
    body: { explanation: { ru: "Рост замедлился", en: "=SUM(A1)" } },
    places: null,
    actor: "test",
  });
});
afterAll(() => app?.close());

const AS_OF = "2020-06-30";
async function download(token: string, query: string): Promise<Response> {
  const res = await fetch(
    `${app.url}/api/v1/export?program=${program.code}&asOf=${AS_OF}${query}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return res;
}

/** A CSV's records as objects keyed by its header (the export's fields are simple enough). */
function csvRecords(text: string): Record<string, string>[] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).trimEnd().split("\r\n");
  const header = (lines[0] as string).split(",");
  return lines.slice(1).map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, "")) ?? [];
    return Object.fromEntries(
      header.map((h, i) => [h, (cells[i] ?? "").replace(/^"(.*)"$/s, "$1").replace(/""/g, '"')]),
    );
  });
}

describe("GET /export", () => {
  it("writes every figure whose period began by asOf as CSV, with its status and target, a formula neutralised", async () => {
    const viewer = await tokenFor(app.db, "viewer");
    const res = await download(viewer, "&format=csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toContain(`${program.code}-${AS_OF}.csv`);
    // fetch's text() drops a BOM: decode the bytes as they came.
    const bytes = await res.arrayBuffer();
    const rows = csvRecords(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
    expect(rows.map((r) => `${r.indicator}/${r.place}/${r.period}`).sort()).toEqual(
      SHOWN.map((f) => `${f.indicator}/${f.region}/${f.period}`).sort(),
    );
    const first = rows.find(
      (r) => r.place === "ZZ" && r.period === "2018" && r.indicator === mapped,
    );
    expect(first).toMatchObject({
      value: "45",
      unit: "percent",
      target: "50",
      note: `'${FORMULA}`,
    });
    expect(first?.status).toMatch(/^(green|amber|red)$/);
    expect(first?.approval).toBe("");
    // The year's narrative at the figure's place, in the reader's language, neutralised.
    const narrativeOf = async (lang: string) => {
      const csv = await (await download(viewer, `&format=csv&lang=${lang}`)).arrayBuffer();
      const all = csvRecords(new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv));
      const at = (period: string) =>
        all.find((r) => r.place === "ZZ" && r.period === period && r.indicator === mapped);
      return [at("2018")?.narrative, at("2019")?.narrative];
    };
    expect(await narrativeOf("ru")).toEqual(["Рост замедлился", ""]);
    expect(await narrativeOf("en")).toEqual(["'=SUM(A1)", ""]);
    expect(await narrativeOf("kk")).toEqual(["Рост замедлился", ""]);
    // Names in the reader's language: `lang`, else the dashboard's cookie or Accept-Language.
    const kk = await fetch(`${app.url}/api/v1/export?program=${program.code}&format=csv`, {
      headers: { authorization: `Bearer ${viewer}`, "accept-language": "kk" },
    });
    expect(await kk.text()).toContain(`${program.indicators[0]?.name.en} (kk)`);
  });

  it("withholds a confidential figure's value and note from a viewer without the right, in every format", async () => {
    const viewer = await tokenFor(app.db, "viewer");
    for (const format of ["csv", "json", "dhis2-json", "xlsx"]) {
      const res = await download(viewer, `&format=${format}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (format !== "xlsx") expect(bytes.toString("utf8"), format).not.toMatch(LEAK);
      else expect(await workbookText(bytes)).not.toMatch(LEAK);
    }
    const json = (await (await download(viewer, "&format=json")).json()) as { figures: unknown[] };
    expect(json.figures).toContainEqual(
      expect.objectContaining({ period: "2019", value: null, note: null, withheld: true }),
    );
  });

  it("gives it to a viewer with the right", async () => {
    const cleared = await tokenFor(app.db, "viewer", undefined, { confidential: true });
    for (const format of ["csv", "json", "dhis2-json"]) {
      expect(await (await download(cleared, `&format=${format}`)).text(), format).toMatch(LEAK);
    }
    const book = Buffer.from(await (await download(cleared, "&format=xlsx")).arrayBuffer());
    expect(await workbookText(book)).toMatch(LEAK);
  });

  it("writes the workbook's five sheets, formulas as text", async () => {
    const viewer = await tokenFor(app.db, "viewer");
    const res = await download(viewer, "&format=xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(EXPORT_SHEETS);
    expect(EXPORT_SHEETS).toEqual(["Summary", "Indicators", "Figures", "Statuses", "Narratives"]);
    const figures = book.getWorksheet("Figures") as ExcelJS.Worksheet;
    expect(figures.rowCount).toBe(1 + SHOWN.length);
    const cells: ExcelJS.CellValue[] = [];
    figures.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain(`'${FORMULA}`);
    expect(cells.some((c) => typeof c === "object" && c !== null && "formula" in c)).toBe(false);
    const statuses = book.getWorksheet("Statuses") as ExcelJS.Worksheet;
    expect(statuses.rowCount).toBeGreaterThan(1);
    const narratives: ExcelJS.CellValue[][] = [];
    (book.getWorksheet("Narratives") as ExcelJS.Worksheet).eachRow((row) =>
      narratives.push((row.values as ExcelJS.CellValue[]).slice(1, 6)),
    );
    expect(narratives).toEqual([
      ["indicator", "place", "year", "language", "explanation"],
      [mapped, "ZZ", 2018, "en", "'=SUM(A1)"],
      [mapped, "ZZ", 2018, "ru", "Рост замедлился"],
    ]);
  });

  it("writes a DHIS2 data value set that the upload parser reads back to the same values", async () => {
    const cleared = await tokenFor(app.db, "viewer", undefined, { confidential: true });
    const text = await (await download(cleared, "&format=dhis2-json")).text();
    const set = JSON.parse(text);
    // Left out: the unmapped indicator's figure and the south's (no org unit).
    expect(set.skipped).toEqual({ unmapped: 2, withheld: 0 });
    const { rows } = await parseAll(text, "export.json", { aliases: buildDhis2Mapping([program]) });
    const read = rows.map((r) => ("raw" in r ? r.raw : r));
    expect(read).toEqual(
      expect.arrayContaining([
        { indicator: mapped, period: "2018", region: "ZZ", value: "45", note: FORMULA },
        expect.objectContaining({ indicator: mapped, period: "2019", value: "7654.125" }),
        { indicator: mapped, period: "2018", region: "ZZ-N", value: "12" },
      ]),
    );
    expect(read).toHaveLength(3);
  });

  it("parses JSON, and reads the same figures a page at a time", async () => {
    const viewer = await tokenFor(app.db, "viewer");
    const json = (await (await download(viewer, "&format=json&region=ZZ&lang=en")).json()) as {
      figures: { period: string }[];
    };
    expect(json).toMatchObject({ program: program.code, asOf: AS_OF, region: "ZZ" });
    expect(json.figures.map((f: { period: string }) => f.period)).toEqual(["2018", "2019", "2018"]);
    const opened = await openProgramExport(app.db, "json", {
      program: program.code,
      asOf: AS_OF,
      region: "ZZ",
      locale: "en",
      mayReadConfidential: false,
      pageSize: 1,
    });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    await opened.write(out);
    expect(JSON.parse(Buffer.concat(chunks).toString("utf8"))).toEqual(json);
  });

  it("stops reading figures once its reader has gone", async () => {
    for (const format of ["csv", "xlsx", "json", "dhis2-json"] as const) {
      const opened = await openProgramExport(app.db, format, {
        program: program.code,
        asOf: AS_OF,
        locale: "en",
        mayReadConfidential: false,
        pageSize: 1,
      });
      const out = new PassThrough();
      out.on("error", () => {});
      out.destroy();
      await expect(opened.write(out), format).rejects.toBeInstanceOf(ExportAborted);
    }
  });

  it("answers a bad format, date or unknown programme with a problem and no file", async () => {
    const viewer = await tokenFor(app.db, "viewer");
    const get = (q: string) =>
      fetch(`${app.url}/api/v1/export?${q}`, { headers: { authorization: `Bearer ${viewer}` } });
    const bad = await get(`program=${program.code}&format=pdf&asOf=2020-02-30`);
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalid: { field: string }[] };
    expect(problem.invalid.map((i: { field: string }) => i.field).sort()).toEqual([
      "asOf",
      "format",
    ]);
    expect((await get("program=NO-SUCH&format=csv")).status).toBe(404);
    expect(
      (await fetch(`${app.url}/api/v1/export?program=${program.code}&format=csv`)).status,
    ).toBe(401);
  });
});

/** Every text of a workbook's sheets, for checks that a number never appears. */
async function workbookText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  }
  return out.join("\n");
}
