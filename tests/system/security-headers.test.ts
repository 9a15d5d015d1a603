// Response headers of the dashboard as readers get them: a nonce-based CSP on every page — plain,
// RSC navigation and page-cache hit alike, the replayed nonce matching the replayed HTML — the
// fixed hardening headers, and HSTS only when the app is served over https (APP_URL https or a
// trusted proxy's X-Forwarded-Proto), the rule that also makes the session cookie Secure.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type Proc, startWeb, waitForUrl } from "../processes";
import { apiSession } from "../support";

const web = inject("webUrl");
// An RSC navigation from the overview to a top-level page (as the router sends it).
const RSC = {
  rsc: "1",
  "next-router-state-tree": encodeURIComponent(
    JSON.stringify(["", { children: ["__PAGE__", {}] }]),
  ),
};
const api = inject("apiUrl");

async function get(url: string, headers: Record<string, string> = {}) {
  let res = await fetch(url, { headers, redirect: "manual" });
  // Next asks an RSC request to carry its cache-busting `_rsc` parameter first.
  const busted = res.headers.get("location") ?? "";
  if (headers.rsc && res.status === 307 && busted.includes("_rsc")) {
    res = await fetch(new URL(busted, url), { headers, redirect: "manual" });
  }
  return { res, body: await res.text() };
}

function nonceOf(csp: string | null): string {
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp ?? "")?.[1];
  if (!nonce) throw new Error(`no script nonce in ${csp}`);
  return nonce;
}

/** Every <script> of an HTML page carries the nonce of its CSP header. */
function expectScriptsCarry(body: string, nonce: string): void {
  const scripts = body.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
}

describe("dashboard security headers", () => {
  it("gives a page a strict CSP whose nonce its scripts carry, and the fixed headers", async () => {
    const { res, body } = await get(`${web}/login`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of [
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expectScriptsCarry(body, nonceOf(csp));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    // Plain http, APP_URL http, no trusted proxy: a client's claim of https changes nothing.
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const claimed = await get(`${web}/login`, { "x-forwarded-proto": "https" });
    expect(claimed.res.headers.get("strict-transport-security")).toBeNull();
    // Nor does the API's answer bring one through the forwarder.
    const me = await get(`${web}/api/v1/auth/me`);
    expect(me.res.status).toBe(401);
    expect(me.res.headers.get("strict-transport-security")).toBeNull();
    // A new render, a new nonce.
    const again = await get(`${web}/login`);
    expect(nonceOf(again.res.headers.get("content-security-policy"))).not.toBe(nonceOf(csp));
  });

  it("replays a cached page with the CSP of its render, and sends a CSP on RSC requests", async () => {
    const { cookie } = await apiSession(web, "viewer");
    const path = `/regions?csp=${crypto.randomUUID()}`;
    // Other tests' figures move the data version (a new render): read until a render is replayed.
    let first = await get(`${web}${path}`, { cookie });
    expect(first.res.headers.get("x-spm-cache")).toBe("miss");
    let hit = await get(`${web}${path}`, { cookie });
    for (let i = 0; i < 20 && hit.res.headers.get("x-spm-cache") !== "hit"; i++) {
      first = hit;
      hit = await get(`${web}${path}`, { cookie });
    }
    const nonce = nonceOf(first.res.headers.get("content-security-policy"));
    expectScriptsCarry(first.body, nonce);
    expect(hit.res.headers.get("x-spm-cache")).toBe("hit");
    expect(hit.res.headers.get("content-security-policy")).toBe(
      first.res.headers.get("content-security-policy"),
    );
    expect(hit.body).toBe(first.body);
    // Another URL is another render, with its own nonce.
    const other = await get(`${web}/regions?csp=${crypto.randomUUID()}`, { cookie });
    expect(nonceOf(other.res.headers.get("content-security-policy"))).not.toBe(nonce);
    for (const target of [path, path, "/"]) {
      const rsc = await get(`${web}${target}`, { cookie, ...RSC });
      expect(rsc.res.status).toBe(200);
      expect(rsc.res.headers.get("content-type")).toMatch(/text\/x-component/);
      nonceOf(rsc.res.headers.get("content-security-policy"));
    }
    // A repeated RSC read of `path` is a hit (unless the data moved meanwhile): with its policy.
    let rscHit = await get(`${web}${path}`, { cookie, ...RSC });
    for (let i = 0; i < 20 && rscHit.res.headers.get("x-spm-cache") !== "hit"; i++) {
      rscHit = await get(`${web}${path}`, { cookie, ...RSC });
    }
    expect(rscHit.res.headers.get("x-spm-cache")).toBe("hit");
    nonceOf(rscHit.res.headers.get("content-security-policy"));
  });
});

describe("pages outside the page routes", () => {
  it("gives a missing page and the forbidden page the same nonce policy", async () => {
    const { cookie } = await apiSession(web, "viewer");
    for (const path of ["/no-such-page", "/indicators/NO_SUCH_CODE", "/forbidden"]) {
      const { res, body } = await get(`${web}${path}`, { cookie });
      expect(res.status, path).toBe(path === "/forbidden" ? 200 : 404);
      expectScriptsCarry(body, nonceOf(res.headers.get("content-security-policy")));
    }
  });

  it("serves the queue board through the dashboard read-only, under its own policy", async () => {
    const { cookie } = await apiSession(web, "admin");
    const page = await get(`${web}/admin/queues`, { cookie });
    expect(page.res.status).toBe(200);
    const csp = page.res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("nonce-");
    expect(page.res.headers.get("x-frame-options")).toBe("DENY");
    // Its files and its read API come through too; others are sent away before the API.
    const script = /src="(static\/js\/[^"]+)"/.exec(page.body)?.[1];
    expect((await get(`${web}/admin/queues/${script}`, { cookie })).res.status).toBe(200);
    const queues = await get(`${web}/admin/queues/api/queues`, { cookie });
    expect(JSON.parse(queues.body).queues.length).toBeGreaterThan(0);
    const viewer = await apiSession(web, "viewer");
    const refused = await get(`${web}/admin/queues/api/queues`, { cookie: viewer.cookie });
    expect(refused.res.headers.get("location")).toBe("/forbidden");
    const visitor = await get(`${web}/admin/queues`);
    expect(visitor.res.headers.get("location")).toMatch(/^\/login\?next=/);
    const write = (headers: Record<string, string>) =>
      fetch(`${web}/admin/queues/api/queues/pause`, {
        method: "PUT",
        headers: { cookie, ...headers },
        redirect: "manual",
      });
    const crossSite = await write({ origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ detail: "cross-site request refused" });
    const own = await write({ origin: web, "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(403);
  });
});

describe("HSTS behind a trusted TLS proxy", () => {
  let proxied: Proc;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    proxied = startWeb({
      ...process.env,
      PORT: String(port),
      API_URL: api,
      TRUSTED_PROXIES: "loopback",
    });
    await waitForUrl(`${url}/login`, proxied);
  });
  afterAll(() => proxied?.stop());

  it("is sent when the trusted proxy says https, on pages, static files and cache hits", async () => {
    const https = { "x-forwarded-proto": "https" };
    const login = await get(`${url}/login`, https);
    expect(login.res.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(login.body)?.[1];
    const file = await get(`${url}${asset}`, https);
    expect(file.res.status).toBe(200);
    expect(file.res.headers.get("strict-transport-security")).not.toBeNull();
    expect((await get(`${url}/login`)).res.headers.get("strict-transport-security")).toBeNull();
    const apiAnswer = await get(`${url}/api/v1/auth/me`, https);
    expect(apiAnswer.res.headers.get("strict-transport-security")).not.toBeNull();
    // A page cached from an https request is replayed over http without it, and the other way.
    const { cookie } = await apiSession(url, "viewer");
    const path = `/regions?hsts=${crypto.randomUUID()}`;
    const miss = await get(`${url}${path}`, { cookie, ...https });
    expect(miss.res.headers.get("x-spm-cache")).toBe("miss");
    expect(miss.res.headers.get("strict-transport-security")).not.toBeNull();
    const plainHit = await get(`${url}${path}`, { cookie });
    expect(plainHit.res.headers.get("x-spm-cache")).toBe("hit");
    expect(plainHit.res.headers.get("strict-transport-security")).toBeNull();
    const httpsHit = await get(`${url}${path}`, { cookie, ...https });
    expect(httpsHit.res.headers.get("strict-transport-security")).not.toBeNull();
  });

  it("passes https on to the API only by the same rule, so the session cookie is Secure", async () => {
    const secure = await apiSessionHeaders(url, { "x-forwarded-proto": "https" });
    expect(secure).toMatch(/;\s*Secure/i);
    const claimed = await apiSessionHeaders(web, { "x-forwarded-proto": "https" });
    expect(claimed).not.toMatch(/;\s*Secure/i);
  });
});

async function apiSessionHeaders(base: string, headers: Record<string, string>): Promise<string> {
  const { createTestDb, createTestUser } = await import("@spm/db/test/factories");
  const db = createTestDb();
  try {
    const user = await createTestUser(db, { role: "viewer" });
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(res.status).toBe(200);
    return res.headers.get("set-cookie") ?? "";
  } finally {
    await db.destroy();
  }
}
