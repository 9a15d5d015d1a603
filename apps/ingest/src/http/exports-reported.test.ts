import { applyObservations } from "@spm/db";
import { buildProgram, createUploadRow } from "@spm/db/test/factories";
import { importProgram, refreshStatuses } from "@spm/services";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// An export as reported on a day: the 2020 figure was sent as 50 (far behind 70) on 2021-02-01
// and revised to 70 on 2021-09-15; the 2021 figure (80) was first sent on 2021-08-01. The 2019
// figure 7654.125 was sent confidential, then revised to 60 (not confidential) on 2021-09-15.
let app: TestApp;
let viewer: string;
const program = buildProgram();
const code = program.indicators[0]?.code ?? "";

async function send(period: string, value: number, recordedAt: string, flag?: string) {
  const upload = await createUploadRow(app.db);
  const figure = { indicator: code, region: "ZZ", period, year: Number(period), value, flag };
  await app.db.transaction().execute((trx) =>
    applyObservations(trx, [figure], {
      uploadId: upload.id,
      uploadSeq: upload.seq,
      author: "test",
    }),
  );
  await sql`update observation_revisions set created_at = ${recordedAt}::timestamptz
    where upload_id = ${upload.id}::uuid`.execute(app.db);
}

beforeAll(async () => {
  app = await startTestApp();
  viewer = await tokenFor(app.db, "viewer");
  await importProgram(app.db, program, "test");
  await send("2019", 7654.125, "2020-02-01T10:00:00Z", "confidential");
  await send("2019", 60, "2021-09-15T10:00:00Z");
  await send("2020", 50, "2021-02-01T10:00:00Z");
  await send("2021", 80, "2021-08-01T10:00:00Z");
  await send("2020", 70, "2021-09-15T10:00:00Z");
  await refreshStatuses(app.db, { asOf: "2021-12-31", codes: [code] });
});
afterAll(() => app?.close());

function download(query: string): Promise<Response> {
  return fetch(`${app.url}/api/v1/export?program=${program.code}${query}`, {
    headers: { authorization: `Bearer ${viewer}` },
  });
}

interface JsonExport {
  asOf: string;
  reportedOn: string | null;
  figures: { period: string; value: number; status: string | null }[];
}

describe("GET /export?reportedOn=", () => {
  it("writes the figures and year levels known then; without it, the current ones", async () => {
    const res = await download("&format=json&reportedOn=2021-06-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(
      `${program.code}-2021-06-30-reported-2021-06-30.json`,
    );
    const then = (await res.json()) as JsonExport;
    expect([then.asOf, then.reportedOn]).toEqual(["2021-06-30", "2021-06-30"]);
    expect(then.figures.map((f) => [f.period, f.value, f.status])).toEqual([
      // Confidential as it was known then: withheld from this viewer.
      ["2019", null, expect.any(String)],
      ["2020", 50, "red"],
    ]);
    const now = (await (await download("&format=json&asOf=2021-12-31")).json()) as JsonExport;
    expect(now.reportedOn).toBeNull();
    expect(now.figures.map((f) => [f.period, f.value, f.status])).toEqual([
      ["2019", 60, "green"],
      ["2020", 70, "green"],
      ["2021", 80, "green"],
    ]);
  });

  it("says so in the workbook's summary and writes its Statuses sheet as known then", async () => {
    const res = await download("&format=xlsx&reportedOn=2021-06-30");
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(rows("Summary")).toContainEqual(["reportedOn", "2021-06-30"]);
    expect(rows("Statuses")).toContainEqual([code, "ZZ", 2020, "red", expect.any(String)]);
    expect(rows("Figures").map((r) => r[5])).toEqual(["value", undefined, 50]);
  });

  it("withholds a figure confidential then from a viewer without the right, in every format", async () => {
    for (const format of ["csv", "json", "dhis2-json", "xlsx"]) {
      const res = await download(`&format=${format}&reportedOn=2021-06-30`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = format === "xlsx" ? await workbookText(bytes) : bytes.toString("utf8");
      expect(text, format).not.toMatch(/7654/);
    }
    const cleared = await tokenFor(app.db, "viewer", undefined, { confidential: true });
    const res = await fetch(
      `${app.url}/api/v1/export?program=${program.code}&format=csv&reportedOn=2021-06-30`,
      { headers: { authorization: `Bearer ${cleared}` } },
    );
    expect(await res.text()).toMatch(/7654\.125/);
  });

  it("refuses a day before the programme and one not in the calendar, naming the field", async () => {
    const early = await download("&format=csv&reportedOn=2016-06-30");
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({
      code: "date_before_program",
      invalid: [{ field: "reportedOn" }],
    });
    const bad = await download("&format=csv&reportedOn=2021-13-01");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalid: { field: string }[] }).invalid).toEqual([
      { field: "reportedOn", message: "a calendar date YYYY-MM-DD" },
    ]);
  });
});

async function workbookText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  }
  return out.join("\n");
}
