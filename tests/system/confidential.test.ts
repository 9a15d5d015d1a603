// Confidential figures through the dashboard's origin (DESIGN "Reports and exports"): a reader
// without the `confidential` permission never gets the number — pages (HTML and RSC payload),
// the page cache, the API, the CSV download, the chart's data (the PNG is drawn from it) and
// in-app notices — while one with the permission does, and the upload works as before.
import type { Role } from "@spm/db";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiSession, settleStatusWork, tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const program = buildProgram({
  indicators: [
    {
      unit: "number",
      disaggregation: "regional",
      baseline: { year: 2017, value: 40, source: "test" },
    },
  ],
});
const code = program.indicators[0]?.code as string;
const SECRET = 987654.321;
// The figure and the nation's mean of it (with ZZ-S's 55), in any language's digit grouping.
const LEAK = /987[\s,.]?654|493[\s,.]?854/;

async function session(role: Role, confidential: boolean) {
  const { cookie, id } = await apiSession(web, role, { confidential });
  const { username } = await db
    .selectFrom("users")
    .select("username")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { cookie: `${cookie}; spm_lang=en`, username };
}

async function get(cookie: string, path: string, headers: Record<string, string> = {}) {
  const init = { headers: { cookie, ...headers }, redirect: "manual" } as const;
  let res = await fetch(`${web}${path}`, init);
  // Next asks a navigation (RSC) to carry its cache-busting `_rsc` parameter first.
  const busted = res.headers.get("location") ?? "";
  if (res.status === 307 && busted.includes("_rsc=")) res = await fetch(new URL(busted, web), init);
  return {
    status: res.status,
    cache: res.headers.get("x-spm-cache"),
    location: res.headers.get("location"),
    body: await res.text(),
  };
}

/** Next's router state tree for a page whose parent layouts are already rendered. */
function parentTree(path: string): string {
  const parents = path.split("/").filter(Boolean).slice(0, -1);
  let node: unknown[] = ["__PAGE__", {}];
  for (const segment of parents.reverse()) node = [segment, { children: node }];
  return encodeURIComponent(JSON.stringify(["", { children: node }]));
}

let cleared: { cookie: string; username: string };
let plain: { cookie: string; username: string };
let uploadId: string;
let steward: string;

beforeAll(async () => {
  await importProgram(db, program, "test");
  cleared = await session("viewer", true);
  plain = await session("viewer", false);
  const manager = await tokenFor("manager");
  const rule = await fetch(`${web}/api/v1/alert-rules`, {
    method: "POST",
    headers: { authorization: `Bearer ${manager}`, "content-type": "application/json" },
    body: JSON.stringify({
      program: program.code,
      // Green only once the figures below arrive (overdue before): its notices carry them.
      name: "The confidential indicator is green",
      scope: { indicators: { indicator: code }, regions: "all" },
      condition: { kind: "status_is", levels: ["green"] },
      channels: ["in_app"],
      recipients: { users: [cleared.username, plain.username] },
    }),
  });
  expect(rule.status).toBe(201);
  steward = await tokenFor("steward");
  const res = await fetch(`${web}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${steward}`, "content-type": "application/json" },
    body: JSON.stringify({
      observations: [
        { indicator: code, period: "2018", region: "ZZ-N", value: 45 },
        { indicator: code, period: "2022", region: "ZZ-N", value: SECRET, flag: "confidential" },
        { indicator: code, period: "2022", region: "ZZ-S", value: 55 },
      ],
    }),
  });
  expect(res.status).toBe(202);
  uploadId = ((await res.json()) as { uploadId: string }).uploadId;
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

const region = "region=ZZ-N";
const PAGES = [
  `/?program=${program.code}`,
  `/?program=${program.code}&${region}`,
  `/regions?program=${program.code}&indicator=${code}`,
  `/indicators/${code}`,
  `/indicators/${code}?${region}`,
];

describe("a confidential figure", () => {
  it("is stored by an upload as before, counted and reported", async () => {
    const res = await fetch(`${web}/api/v1/uploads/${uploadId}`, {
      headers: { authorization: `Bearer ${steward}` },
    });
    expect(await res.json()).toMatchObject({
      status: "completed",
      counts: { received: 3, inserted: 3, rejected: 0 },
    });
  });

  it("reaches a reader with the permission in pages, the API and the CSV", async () => {
    const page = await get(cleared.cookie, `/indicators/${code}?${region}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(LEAK);
    const csv = await get(cleared.cookie, `/indicators/${code}/series.csv?${region}`);
    // …, confidential, approval (empty: no approval recorded).
    expect(csv.body).toMatch(/,2022,987654\.321,.*,true,[a-z]*\r\n/);
    const api = await get(cleared.cookie, `/api/v1/indicators/${code}?${region}`);
    expect(JSON.parse(api.body)).toMatchObject({ latest: { value: SECRET, confidential: true } });
  });

  it("never reaches a reader without it: pages, RSC payloads and the page cache", async () => {
    for (const path of PAGES) {
      // The permitted reader's render comes first: it must not be replayed to the other.
      await get(cleared.cookie, path);
      const tree = parentTree(path.split("?")[0] ?? "/");
      const navigation: Record<string, string> = { rsc: "1", "next-router-state-tree": tree };
      for (const headers of [{}, navigation]) {
        const read = await get(plain.cookie, path, headers);
        expect(read.status, `${path} ${read.location}`).toBe(200);
        expect(read.body, `${path} ${JSON.stringify(headers)}`).not.toMatch(LEAK);
        expect(read.cache, path).not.toBe("hit");
      }
    }
    const indicator = await get(plain.cookie, `/indicators/${code}?${region}`);
    expect(indicator.body).toContain("data-withheld");
    expect(indicator.body).toMatch(/<td class="num">confidential<\/td>/);
    // The year's level stays: the programme's public result.
    expect(indicator.body).toMatch(/<tr data-year="2022">.*?confidential.*?data-level="green"/s);
  });

  it("never reaches a reader without it through the API, the CSV or a notice", async () => {
    const paths = [
      `/api/v1/indicators?${region}`,
      `/api/v1/indicators?asOf=2022-12-31`,
      `/api/v1/indicators/${code}`,
      `/api/v1/indicators/${code}?${region}`,
      `/api/v1/indicators/${code}/observations`,
      `/indicators/${code}/series.csv`,
      `/indicators/${code}/series.csv?${region}`,
    ];
    for (const path of paths) {
      const read = await get(plain.cookie, path);
      expect(read.status, path).toBe(200);
      expect(read.body, path).not.toMatch(LEAK);
    }
    const observations = await get(plain.cookie, `/api/v1/indicators/${code}/observations`);
    expect(JSON.parse(observations.body).observations).toContainEqual(
      expect.objectContaining({ period: "2022", region: "ZZ-N", value: null, withheld: true }),
    );
    const csv = await get(plain.cookie, `/indicators/${code}/series.csv?${region}`);
    expect(csv.body).toMatch(/,2022,,.*,true,[a-z]*\r\n/);
    const inbox = async (cookie: string) => (await get(cookie, "/api/v1/notifications")).body;
    for (let i = 0; i < 250 && !LEAK.test(await inbox(cleared.cookie)); i++) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await inbox(cleared.cookie)).toMatch(LEAK);
    const theirs = await inbox(plain.cookie);
    expect(theirs).toContain('"confidential":true');
    expect(theirs).not.toMatch(LEAK);
  }, 90_000);
});
