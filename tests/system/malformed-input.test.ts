// Malformed requests get a 4xx problem, never a 500, through the dashboard's origin and on the
// API itself (issue 13, finding 18): an `Origin: null`, an over-long Idempotency-Key, two files,
// a 1.5 MB text field, and a path whose percent-encoding is broken.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiSession, tokenFor } from "../support";

const web = inject("webUrl");
const api = inject("apiUrl");
const origins = [
  ["the dashboard's origin", web],
  ["the API", api],
] as const;

let steward: string;
let viewerCookie: string;

beforeAll(async () => {
  steward = `Bearer ${await tokenFor("steward")}`;
  viewerCookie = (await apiSession(web, "viewer")).cookie;
});

const csv = () => new Blob(["indicator,period,value\nNO_SUCH,2018,1\n"], { type: "text/csv" });

function upload(base: string, form: FormData, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1/uploads?dryRun=true`, {
    method: "POST",
    headers: { authorization: steward, ...headers },
    body: form,
  });
}

async function expectProblem(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
}

describe.each(origins)("malformed input through %s", (_name, base) => {
  it("a session's write with `Origin: null` is refused as cross-site", async () => {
    const res = await fetch(`${base}/api/v1/notifications/read`, {
      method: "POST",
      headers: { cookie: viewerCookie, origin: "null", "content-type": "application/json" },
      body: JSON.stringify({ all: true }),
    });
    await expectProblem(res, 403);
  });

  it("an Idempotency-Key of 300 characters is refused naming the header", async () => {
    const form = new FormData();
    form.append("file", csv(), "a.csv");
    const res = await upload(base, form, { "idempotency-key": "k".repeat(300) });
    await expectProblem(res, 400);
    expect(JSON.stringify(await res.json())).toContain("Idempotency-Key");
  });

  it("two files are refused", async () => {
    const form = new FormData();
    form.append("file", csv(), "a.csv");
    form.append("file", csv(), "b.csv");
    await expectProblem(await upload(base, form), 400);
  });

  it("a text field of 1.5 MB is refused", async () => {
    const form = new FormData();
    form.append("note", "x".repeat(1_500_000));
    form.append("file", csv(), "a.csv");
    await expectProblem(await upload(base, form), 400);
  });

  it("an indicator path with broken percent-encoding is a 4xx", async () => {
    const path = base === web ? "/indicators/%E0%A4%A" : "/api/v1/indicators/%E0%A4%A";
    const res = await fetch(`${base}${path}`, { headers: { cookie: viewerCookie } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

it("the dashboard's pages answer broken percent-encoding with a 4xx, as a navigation too", async () => {
  const paths = [
    "/indicators/%E0%A4%A",
    "/indicators/%E0%A4%A/series.csv",
    "/indicators/%25E0%25A4%25A",
    "/indicators/%25E0%25A4%25A/series.csv",
    "/%ZZ",
  ];
  for (const path of paths) {
    const variants: Record<string, string>[] = [
      { cookie: viewerCookie },
      { cookie: viewerCookie, rsc: "1" },
      {},
    ];
    for (const headers of variants) {
      const res = await fetch(`${web}${path}`, { headers, redirect: "manual" });
      expect(res.status, `${path} ${JSON.stringify(Object.keys(headers))}`).toBeLessThan(500);
    }
  }
});
