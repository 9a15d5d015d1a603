import type { Role } from "@spm/db";
import { buildProgram, createTestUser } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "./http/openapi/routes";
import { QUEUE_BOARD_PATH } from "./http/queue-board";
import { approvalsMatrix, arrangeApprovals } from "./test/authz-approvals";
import { CALLERS, type Caller, type Expect, everyone, from } from "./test/authz-expect";
import { managingMatrix } from "./test/authz-managing";
import { qualityMatrix } from "./test/authz-quality";
import { sourcesMatrix } from "./test/authz-sources";
import { startTestApp, type TestApp, tokenFor } from "./test/harness";

// Every route of the API, called by every kind of caller, each with a session cookie and with an
// API token, with the exact status expected. A route added to the app without a line here makes
// the first test fail.
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const program = buildProgram();
const code = program.indicators[0]?.code ?? "";

type Entry = ReturnType<typeof managingMatrix>[number];

const MATRIX: Entry[] = [
  { method: "GET", route: "/healthz", path: "/healthz", expect: everyone(200) },
  { method: "USE", route: QUEUE_BOARD_PATH, path: QUEUE_BOARD_PATH, expect: from("admin", 200) },
  { method: "GET", route: "/readyz", path: "/readyz", expect: everyone(200) },
  {
    method: "GET",
    route: "/api/v1/openapi.json",
    path: "/api/v1/openapi.json",
    expect: everyone(200),
  },
  { method: "GET", route: "/metrics", path: "/metrics", expect: everyone(200) },
  {
    method: "POST",
    route: "/api/v1/auth/login",
    path: "/api/v1/auth/login",
    body: {},
    expect: everyone(400),
  },
  {
    method: "POST",
    route: "/api/v1/auth/logout",
    path: "/api/v1/auth/logout",
    expect: everyone(204),
  },
  { method: "GET", route: "/api/v1/auth/me", path: "/api/v1/auth/me", expect: from("viewer", 200) },
  { method: "GET", route: "/api/v1/users", path: "/api/v1/users", expect: from("admin", 200) },
  {
    method: "POST",
    route: "/api/v1/users",
    path: "/api/v1/users",
    body: {},
    expect: from("admin", 400),
  },
  {
    method: "PATCH",
    route: "/api/v1/users/:id",
    path: `/api/v1/users/${NO_SUCH_ID}`,
    body: {},
    expect: from("admin", 404),
  },
  { method: "GET", route: "/api/v1/tokens", path: "/api/v1/tokens", expect: from("admin", 200) },
  {
    method: "POST",
    route: "/api/v1/tokens",
    path: "/api/v1/tokens",
    body: {},
    expect: from("admin", 400),
  },
  {
    method: "PATCH",
    route: "/api/v1/tokens/:id",
    path: `/api/v1/tokens/${NO_SUCH_ID}`,
    body: { confidential: false },
    expect: from("admin", 404),
  },
  {
    method: "DELETE",
    route: "/api/v1/tokens/:id",
    path: `/api/v1/tokens/${NO_SUCH_ID}`,
    expect: from("admin", 404),
  },
  { method: "GET", route: "/api/v1/audit", path: "/api/v1/audit", expect: from("admin", 200) },
  ...sourcesMatrix(from, NO_SUCH_ID),
  ...managingMatrix(from, code, program.code),
  ...qualityMatrix(from, program.code),
  ...approvalsMatrix(from, program.code),
  {
    method: "GET",
    route: "/api/v1/programs",
    path: "/api/v1/programs",
    expect: from("viewer", 200),
  },
  {
    method: "GET",
    route: "/api/v1/export",
    path: `/api/v1/export?program=${program.code}&format=csv`,
    expect: from("viewer", 200),
  },
  {
    // A year outside the programme: refused after the caller is checked, before any render.
    method: "GET",
    route: "/api/v1/reports/annual.pdf",
    path: `/api/v1/reports/annual.pdf?program=${program.code}&year=2031`,
    expect: from("viewer", 422),
  },
  {
    method: "GET",
    route: "/api/v1/report-schedules",
    path: "/api/v1/report-schedules",
    expect: from("manager", 200),
  },
  {
    method: "POST",
    route: "/api/v1/report-schedules",
    path: "/api/v1/report-schedules",
    body: {},
    expect: from("manager", 400),
  },
  {
    method: "DELETE",
    route: "/api/v1/report-schedules/:id",
    path: `/api/v1/report-schedules/${NO_SUCH_ID}`,
    expect: from("manager", 404),
  },
  {
    method: "GET",
    route: "/api/v1/programs/:code/template.:ext",
    path: `/api/v1/programs/${program.code}/template.csv`,
    expect: from("viewer", 200),
  },
  {
    method: "PUT",
    route: "/api/v1/programs/:code",
    path: "/api/v1/programs/NOPE",
    body: {},
    expect: from("admin", 422),
  },
  {
    method: "POST",
    route: "/api/v1/observations",
    path: "/api/v1/observations",
    body: {},
    expect: from("steward", 400),
  },
  {
    method: "POST",
    route: "/api/v1/uploads",
    path: "/api/v1/uploads",
    expect: from("steward", 400),
  },
  {
    method: "GET",
    route: "/api/v1/uploads",
    path: "/api/v1/uploads",
    expect: from("steward", 200),
  },
  {
    method: "GET",
    route: "/api/v1/uploads/:id",
    path: `/api/v1/uploads/${NO_SUCH_ID}`,
    expect: from("steward", 404),
  },
  {
    method: "GET",
    route: "/api/v1/uploads/:id/rejected.csv",
    path: `/api/v1/uploads/${NO_SUCH_ID}/rejected.csv`,
    expect: from("steward", 404),
  },
  {
    method: "POST",
    route: "/api/v1/uploads/:id/retry",
    path: `/api/v1/uploads/${NO_SUCH_ID}/retry`,
    expect: from("steward", 404),
  },
  {
    method: "GET",
    route: "/api/v1/indicators",
    path: "/api/v1/indicators",
    expect: from("viewer", 200),
  },
  {
    method: "GET",
    route: "/api/v1/indicators/:code",
    path: `/api/v1/indicators/${code}`,
    expect: from("viewer", 200),
  },
  {
    method: "GET",
    route: "/api/v1/indicators/:code/observations",
    path: `/api/v1/indicators/${code}/observations`,
    expect: from("viewer", 200),
  },
  { method: "GET", route: "/api/v1/alerts", path: "/api/v1/alerts", expect: from("manager", 200) },
  {
    method: "GET",
    route: "/api/v1/alerts/:id",
    path: `/api/v1/alerts/${NO_SUCH_ID}`,
    expect: from("manager", 404),
  },
  {
    method: "POST",
    route: "/api/v1/alerts/:id/ack",
    path: `/api/v1/alerts/${NO_SUCH_ID}/ack`,
    body: { comment: "seen" },
    expect: from("manager", 404),
  },
  {
    method: "POST",
    route: "/api/v1/alerts/:id/silence",
    path: `/api/v1/alerts/${NO_SUCH_ID}/silence`,
    body: { until: null },
    expect: from("manager", 404),
  },
  {
    method: "GET",
    route: "/api/v1/alert-rules",
    path: "/api/v1/alert-rules",
    expect: from("manager", 200),
  },
  {
    method: "POST",
    route: "/api/v1/alert-rules",
    path: "/api/v1/alert-rules",
    body: {},
    expect: from("manager", 400),
  },
  {
    method: "POST",
    route: "/api/v1/alert-rules/preview",
    path: "/api/v1/alert-rules/preview",
    body: {},
    expect: from("manager", 400),
  },
  {
    method: "GET",
    route: "/api/v1/alert-rules/:id",
    path: `/api/v1/alert-rules/${NO_SUCH_ID}`,
    expect: from("manager", 404),
  },
  {
    method: "PATCH",
    route: "/api/v1/alert-rules/:id",
    path: `/api/v1/alert-rules/${NO_SUCH_ID}`,
    body: {},
    expect: from("manager", 404),
  },
  {
    method: "DELETE",
    route: "/api/v1/alert-rules/:id",
    path: `/api/v1/alert-rules/${NO_SUCH_ID}`,
    expect: from("manager", 404),
  },
  {
    method: "GET",
    route: "/api/v1/notifications",
    path: "/api/v1/notifications",
    expect: from("viewer", 200),
  },
  {
    method: "GET",
    route: "/api/v1/notifications/unread-count",
    path: "/api/v1/notifications/unread-count",
    expect: from("viewer", 200),
  },
  {
    method: "POST",
    route: "/api/v1/notifications/read",
    path: "/api/v1/notifications/read",
    body: { all: true },
    expect: from("viewer", 200),
  },
  {
    method: "GET",
    route: "/api/v1/deliveries",
    path: "/api/v1/deliveries",
    expect: from("manager", 200),
  },
  { method: "GET", route: "/api/v1/outbox", path: "/api/v1/outbox", expect: from("admin", 200) },
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

/** Lists `METHOD path` of every route an Express app serves, nested routers included. */
function listRoutes(stack: Layer[], prefix = ""): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        (m) => `${m.toUpperCase()} ${prefix}${layer.route?.path}`,
      );
    }
    // The queue board is one mounted unit with many routes inside, behind one admin check.
    if (layer.rawPath === QUEUE_BOARD_PATH) return [`USE ${QUEUE_BOARD_PATH}`];
    if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
      return listRoutes(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

const CREDENTIALS = ["token", "cookie"] as const;
type Credential = (typeof CREDENTIALS)[number];

let app: TestApp;
/** Each signed-in caller's request headers, per kind of credential (anonymous: none). */
const credentials: Partial<Record<Caller, Record<Credential, Record<string, string>>>> = {};

/** Creates a user and signs in once through the API: the session cookie. */
async function sessionCookie(role: Role, regions?: string[]): Promise<string> {
  const user = await createTestUser(app.db, { role, regions });
  const res = await fetch(`${app.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  await arrangeApprovals(app.db, program.code);
  const identities: [Caller, Role, string[]?][] = [
    ["viewer", "viewer"],
    ["steward", "steward"],
    ["regionSteward", "steward", ["ZZ-N"]],
    ["manager", "manager"],
    ["admin", "admin"],
  ];
  for (const [caller, role, regions] of identities) {
    credentials[caller] = {
      token: { authorization: `Bearer ${await tokenFor(app.db, role, regions)}` },
      // The app's own origin, as the dashboard's forms and fetches send it.
      cookie: { cookie: await sessionCookie(role, regions), origin: app.url },
    };
  }
});
afterAll(() => app?.close());

/** The status each caller gets with one kind of credential. */
async function statuses(entry: Entry, credential: Credential): Promise<Expect> {
  const got: Partial<Expect> = {};
  for (const caller of CALLERS) {
    const res = await fetch(app.url + entry.path, {
      method: entry.method === "USE" ? "GET" : entry.method,
      headers: {
        ...credentials[caller]?.[credential],
        ...(entry.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: entry.body !== undefined ? JSON.stringify(entry.body) : undefined,
    });
    await res.arrayBuffer();
    got[caller] = res.status;
  }
  return got as Expect;
}

// Signing out ends the callers' sessions: it is called last.
const LAST = "POST /api/v1/auth/logout";
const ORDERED = [
  ...MATRIX.filter((e) => `${e.method} ${e.route}` !== LAST),
  ...MATRIX.filter((e) => `${e.method} ${e.route}` === LAST),
];

describe("authorisation matrix", () => {
  it("has an entry for every route the API serves, and none for a route it does not", () => {
    const stack = (app.app as Express & { router: { stack: Layer[] } }).router.stack;
    const served = [...new Set(listRoutes(stack))].sort();
    const listed = MATRIX.map((e) => `${e.method} ${e.route}`).sort();
    expect(served).toEqual(listed);
  });

  it("is the OpenAPI document's route table: each route, with the lowest role it answers", () => {
    const roles = ["viewer", "steward", "manager", "admin"] as const;
    const minRole = (e: Expect) =>
      e.anon !== 401 ? "public" : roles.find((r) => e[r] !== 403 && e[r] !== 401);
    // The queue board is one mounted unit: its page is documented as GET.
    const matrix = MATRIX.map(
      (e) => `${e.method === "USE" ? "GET" : e.method} ${e.route} ${minRole(e.expect)}`,
    ).sort();
    const documented = API_ROUTES.map((r) => `${r.method} ${r.path} ${r.role}`).sort();
    expect(documented).toEqual(matrix);
  });

  for (const entry of ORDERED) {
    it(`${entry.method} ${entry.route}`, async () => {
      const got: Partial<Record<Credential, Expect>> = {};
      for (const credential of CREDENTIALS) got[credential] = await statuses(entry, credential);
      expect(got).toEqual({ token: entry.expect, cookie: entry.expect });
    });
  }
});
