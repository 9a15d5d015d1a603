// The authorisation matrix of the dashboard's pages: every page and route handler is requested
// by every identity (each role signed in, a region-limited steward, disabled and expired
// sessions, each role's API token), as a plain request and as a client navigation (`RSC: 1` with a router
// state tree saying the parent layout is on screen, so Next renders the page segment alone and a
// layout's check does not run). Whoever may not see a page gets no part of it.
import { randomUUID } from "node:crypto";
import type { Role } from "@spm/db";
import { createTestDb } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiSession, tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const RANK: Role[] = ["viewer", "steward", "manager", "admin"];

/** Every page and route handler of apps/web/src/app, with the least role that may see it. */
const PAGES: { path: string; min: Role | null }[] = [
  { path: "/api-docs", min: null },
  { path: "/", min: "viewer" },
  { path: "/programs", min: "viewer" },
  { path: "/my", min: "viewer" },
  { path: "/data-quality", min: "viewer" },
  { path: "/regions", min: "viewer" },
  { path: "/indicators/NO_SUCH_CODE", min: "viewer" },
  { path: "/indicators/NO_SUCH_CODE/series.csv", min: "viewer" },
  { path: "/notifications", min: "viewer" },
  { path: "/reports", min: "viewer" },
  { path: "/completeness", min: "viewer" },
  { path: "/reports/annual", min: "viewer" },
  { path: "/data-version", min: "viewer" },
  { path: "/uploads", min: "steward" },
  { path: "/entry", min: "steward" },
  { path: "/approvals", min: "steward" },
  { path: "/alerts", min: "manager" },
  { path: "/narratives", min: "manager" },
  { path: `/alerts/${randomUUID()}`, min: "manager" },
  { path: "/alerts/rules/new", min: "manager" },
  { path: `/alerts/rules/${randomUUID()}`, min: "manager" },
  { path: "/admin", min: "admin" },
  { path: "/admin/users", min: "admin" },
  { path: "/admin/tokens", min: "admin" },
  { path: "/admin/audit", min: "admin" },
  { path: "/admin/outbox", min: "admin" },
  { path: "/admin/sources", min: "admin" },
  { path: "/admin/programs", min: "admin" },
];

interface Identity {
  name: string;
  role: Role | null;
  headers: Record<string, string>;
}

const signedIn = (role: Role, regions?: string[]) => apiSession(web, role, { regions });

/** Next's router state tree for a page whose parent layouts are already rendered. */
function parentTree(path: string): string {
  const parents = path.split("/").filter(Boolean).slice(0, -1);
  let node: unknown[] = ["__PAGE__", {}];
  for (const segment of parents.reverse()) node = [segment, { children: node }];
  return encodeURIComponent(JSON.stringify(["", { children: node }]));
}

const identities: Identity[] = [];

beforeAll(async () => {
  identities.push({ name: "visitor", role: null, headers: {} });
  for (const role of RANK)
    identities.push({ name: role, role, headers: { cookie: (await signedIn(role)).cookie } });
  identities.push({
    name: "region-limited steward",
    role: "steward",
    headers: { cookie: (await signedIn("steward", ["KZ-ALA"])).cookie },
  });
  const disabled = await signedIn("admin");
  await db
    .updateTable("users")
    .set({ disabled_at: new Date() })
    .where("id", "=", disabled.id)
    .execute();
  identities.push({ name: "disabled admin", role: null, headers: { cookie: disabled.cookie } });
  const expired = await signedIn("admin");
  await db
    .updateTable("sessions")
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where("user_id", "=", expired.id)
    .execute();
  identities.push({ name: "expired admin", role: null, headers: { cookie: expired.cookie } });
  // A report grant is made by the API for its renderer; one it did not make is nobody.
  identities.push({
    name: "forged report grant",
    role: null,
    headers: { cookie: "spm_report_grant=spm_r_forged" },
  });
  // Pages know sessions only: a token, of any role, is nobody there.
  for (const role of RANK)
    identities.push({
      name: `${role} token`,
      role: null,
      headers: { authorization: `Bearer ${await tokenFor(role)}` },
    });
});

afterAll(async () => {
  await db.destroy();
});

function allowed(identity: Identity, min: Role | null): boolean {
  if (min === null) return true;
  return identity.role !== null && RANK.indexOf(identity.role) >= RANK.indexOf(min);
}

// Pages asked for something that does not exist answer "not found" to those who may ask.
function missing(path: string): boolean {
  return /NO_SUCH_CODE|[0-9a-f]{8}-[0-9a-f]{4}-/.test(path);
}

async function request(path: string, headers: Record<string, string>, rsc: boolean) {
  const extra: Record<string, string> = rsc
    ? { rsc: "1", "next-router-state-tree": parentTree(path) }
    : {};
  const init = { headers: { ...headers, ...extra }, redirect: "manual" } as const;
  let res = await fetch(`${web}${path}`, init);
  // Next asks a navigation to carry its cache-busting `_rsc` parameter first.
  const busted = res.headers.get("location") ?? "";
  if (rsc && res.status === 307 && busted.startsWith(`${path}?_rsc=`))
    res = await fetch(new URL(busted, web), init);
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

describe("every page authorises itself", () => {
  for (const { path, min } of PAGES)
    for (const rsc of [false, true])
      it(`${path} (${rsc ? "RSC navigation" : "plain"})`, async () => {
        const route = path.endsWith(".csv") || path === "/data-version";
        for (const identity of identities) {
          const got = await request(path, identity.headers, rsc);
          const what = `${identity.name} ${got.status} ${got.location ?? ""}`;
          if (allowed(identity, min)) {
            expect([200, 404], what).toContain(got.status);
            // The page itself is there (a navigation to "/" from "/" has nothing new to send).
            const shown = !route && got.status === 200 && !(rsc && (path === "/" || missing(path)));
            if (shown) expect(got.body, what).toMatch(/<h1|"h1"/);
            continue;
          }
          // Denied: sent to sign in or to the 403 page, or 401 from a route; never the page.
          expect(got.status === 200 && route, what).toBe(false);
          expect(got.body, what).not.toMatch(/<h1|"h1"|data-outbox|data-email|"version"/);
          if (!rsc || got.status >= 300)
            expect([307, 303, 401, 403, 200], what).toContain(got.status);
        }
      });
});
