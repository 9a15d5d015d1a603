import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { tokenFor } from "../support";

const api = inject("apiUrl");
const web = inject("webUrl");
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let steward: string;
let viewer: string;

beforeAll(async () => {
  steward = await tokenFor("steward");
  viewer = await tokenFor("viewer");
});

async function waitForUpload(id: string) {
  for (let i = 0; i < 240; i++) {
    const res = await fetch(`${api}/api/v1/uploads/${id}`, {
      headers: { authorization: `Bearer ${steward}` },
    });
    const body = (await res.json()) as {
      status: string;
      counts: Record<string, number>;
      errors: { code: string }[];
    };
    if (body.status === "completed" || body.status === "failed") return body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`upload ${id} did not finish`);
}

describe("uploads through the running API and worker", () => {
  it("takes a Windows-1251 CSV with semicolons, Russian headers and decimal commas", async () => {
    const csv = [
      "Индикатор;Период;Регион;Значение;Флаг;Примечание;Источник",
      "OBJECTS_PROTECTED;2018;KZ-ALA;45,5;provisional;Предварительные данные КНБ;письмо №12",
      "",
      "OBJECTS_PROTECTED;2018;;47;;Итог по республике;",
      "OBJECTS_PROTECTED;2018;KZ-XXX;47;;;",
    ].join("\r\n");
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(iconv.encode(csv, "win1251"))]), "данные.csv");
    const res = await fetch(`${api}/api/v1/uploads`, {
      method: "POST",
      headers: { authorization: `Bearer ${steward}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    const report = await waitForUpload(uploadId);
    expect(report.status).toBe("completed");
    expect(report.counts.received).toBe(3);
    expect(report.counts.rejected).toBe(1);
    expect(report.errors.map((e) => e.code)).toEqual(["unknown_region"]);
    const obs = await fetch(
      `${api}/api/v1/indicators/OBJECTS_PROTECTED/observations?region=KZ-ALA`,
      {
        headers: { authorization: `Bearer ${viewer}` },
      },
    );
    const body = (await obs.json()) as {
      observations: { period: string; value: number; note: string }[];
    };
    expect(body.observations).toContainEqual(
      expect.objectContaining({ period: "2018", value: 45.5, note: "Предварительные данные КНБ" }),
    );
  });

  it("takes workbooks written by openpyxl (pandas), through the dashboard's origin", async () => {
    const fixtures = path.join(ROOT, "apps/ingest/src/parsing/fixtures");
    const send = async (name: string) => {
      const form = new FormData();
      form.append("file", new Blob([readFileSync(path.join(fixtures, name))]), name);
      const res = await fetch(`${web}/api/v1/uploads?dryRun=true`, {
        method: "POST",
        headers: { authorization: `Bearer ${steward}` },
        body: form,
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      const { uploadId } = (await res.json()) as { uploadId: string };
      return waitForUpload(uploadId);
    };
    // Its default sheet "Sheet" (refused as unreadable before), a date cell formatted as a year.
    const plain = await send("openpyxl-default.xlsx");
    expect([plain.status, plain.counts.received, plain.counts.rejected]).toEqual([
      "completed",
      2,
      0,
    ]);
    // ISO date cells: 2021-01-01 as "yyyy" is the year 2021 (read as 1905 before); a month is not
    // a period of this yearly indicator, and a day is a DHIS2 period type not kept; each says so.
    const iso = await send("openpyxl-iso-dates.xlsx");
    expect([iso.status, iso.counts.received, iso.counts.rejected]).toEqual(["completed", 3, 2]);
    expect(iso.errors.map((e) => e.code)).toEqual([
      "period_frequency_mismatch",
      "period_type_unsupported",
    ]);
  });

  it("takes workbooks saved by LibreOffice, Google Sheets, Excel for Mac and Windows and minimal writers, the Open XML SDK, and openpyxl's formulas", async () => {
    const fixtures = path.join(ROOT, "apps/ingest/src/parsing/fixtures");
    // Each file's rows as the yearly percentage HQ_READINESS takes them (2017 is its baseline's
    // year): a month or a day is not its period, a cell showing an error is rejected.
    const expected: [string, number, string[]][] = [
      ["libreoffice.xlsx", 7, ["period_frequency_mismatch", "cell_error"]],
      ["libreoffice-1904.xlsx", 7, ["period_frequency_mismatch", "cell_error"]],
      ["google-sheets.xlsx", 5, ["cell_error"]],
      ["excel-mac-1904.xlsx", 3, ["period_type_unsupported"]],
      ["excel-windows.xlsx", 4, ["period_type_unsupported", "cell_error"]],
      ["minimal-writer.xlsx", 2, ["flag_invalid"]],
      ["openpyxl-formulas.xlsx", 2, ["formula_not_calculated"]],
      ["openxml-sdk.xlsx", 2, []],
      ["excel-strict.xlsx", 4, ["period_type_unsupported", "cell_error"]],
    ];
    for (const [name, received, codes] of expected) {
      const form = new FormData();
      form.append("file", new Blob([readFileSync(path.join(fixtures, name))]), name);
      const res = await fetch(`${api}/api/v1/uploads?dryRun=true`, {
        method: "POST",
        headers: { authorization: `Bearer ${steward}` },
        body: form,
      });
      expect(res.status, await res.clone().text()).toBe(202);
      const { uploadId } = (await res.json()) as { uploadId: string };
      const report = await waitForUpload(uploadId);
      expect(
        report.errors.map((e) => e.code),
        name,
      ).toEqual(codes);
      expect([report.status, report.counts.received, report.counts.rejected], name).toEqual([
        "completed",
        received,
        codes.length,
      ]);
    }
  });

  it("uploads from the command line (spm upload) and prints the report", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spm-cli-"));
    const file = path.join(dir, "figures.csv");
    writeFileSync(
      file,
      "indicator,period,region,value\nCONSEQUENCE_READINESS,2018,,91\nNOPE,2018,,1\n",
    );
    const run = spawnSync(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "apps/ingest/src/cli/main.ts"), "upload", file],
      {
        env: { ...process.env, SPM_TOKEN: steward, API_URL: api },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim()) as { counts: Record<string, number> };
    expect(report.counts).toMatchObject({ received: 2, rejected: 1 });
    expect(run.stderr).toContain("unknown_indicator");
  });
});
