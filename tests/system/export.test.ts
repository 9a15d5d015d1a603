// The overview's download through the dashboard's origin: the form on the page names the
// programme and day shown, and its GET (the reader's session cookie, the /api forwarder)
// answers the export itself, a confidential figure withheld from a reader without the right.
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiSession, settleStatusWork, tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const program = buildProgram({ indicators: [{ unit: "number", disaggregation: "regional" }] });
const code = program.indicators[0]?.code as string;
const SECRET = /876[\s,.]?543/;

beforeAll(async () => {
  await importProgram(db, program, "test");
  const steward = await tokenFor("steward");
  const res = await fetch(`${web}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${steward}`, "content-type": "application/json" },
    body: JSON.stringify({
      observations: [
        { indicator: code, period: "2018", region: "ZZ-N", value: 45, note: "=1+2" },
        { indicator: code, period: "2019", region: "ZZ-N", value: 876543, flag: "confidential" },
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
});
afterAll(() => db.destroy());

/** The overview's export form, read from the page: its action and its fields. */
async function exportUrl(cookie: string): Promise<URL> {
  const page = await fetch(`${web}/?program=${program.code}&year=2020`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = /<form[^>]*data-export[^>]*>([\s\S]*?)<\/form>/.exec(html);
  expect(form, "the overview has a download form").not.toBeNull();
  const action = /action="([^"]+)"/.exec(form?.[0] ?? "")?.[1] ?? "";
  const url = new URL(action, web);
  for (const m of (form?.[1] ?? "").matchAll(
    /<input type="hidden" name="(\w+)" value="([^"]*)"/g,
  )) {
    url.searchParams.set(m[1] as string, m[2] as string);
  }
  expect(form?.[1]).toContain('value="dhis2-json"');
  return url;
}

describe("the overview's download", () => {
  it("answers the programme's figures as CSV through the dashboard's origin", async () => {
    const { cookie } = await apiSession(web, "viewer", { confidential: false });
    const url = await exportUrl(cookie);
    expect(url.pathname).toBe("/api/v1/export");
    expect(url.searchParams.get("program")).toBe(program.code);
    expect(url.searchParams.get("asOf")).toBe("2020-12-31");
    url.searchParams.set("format", "csv");
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(".csv");
    const text = await res.text();
    expect(text).toContain(`${code},`);
    expect(text).toContain(",'=1+2,");
    expect(text).not.toMatch(SECRET);
    const cleared = await apiSession(web, "viewer", { confidential: true });
    const full = await fetch(url, { headers: { cookie: cleared.cookie } });
    expect(await full.text()).toMatch(SECRET);
  });
});
