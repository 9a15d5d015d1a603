import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  type CachedPage,
  cacheEncoding,
  capture,
  isCacheable,
  PageCache,
  pageKey,
  type ReaderInputs,
} from "./page-cache";

const page = (bytes: number, dataVersion = "1"): CachedPage => ({
  status: 200,
  headers: { "content-type": "text/html" },
  body: Buffer.alloc(bytes, 120),
  dataVersion,
});

const request = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ url, method, headers }) as unknown as IncomingMessage;

const reader: ReaderInputs = {
  role: "viewer",
  confidential: false,
  demo: false,
  dataVersion: "7",
};

describe("which requests may be answered from the cache", () => {
  it("takes the overview, regions and indicator pages, by GET only", () => {
    expect(isCacheable(request("/?program=P&year=2020"))).toBe(true);
    expect(isCacheable(request("/regions"))).toBe(true);
    expect(isCacheable(request("/indicators/HQ_READINESS?place=KZ-AST"))).toBe(true);
    expect(isCacheable(request("/", {}, "HEAD"))).toBe(false);
    expect(isCacheable(request("/", {}, "POST"))).toBe(false);
    for (const url of ["/uploads", "/alerts", "/admin", "/notifications", "/api/v1/x", "/login"]) {
      expect(isCacheable(request(url)), url).toBe(false);
    }
    expect(isCacheable(request("/indicators/A/b"))).toBe(false);
  });

  it("keeps one copy in gzip and one without", () => {
    expect(cacheEncoding("gzip, deflate, br")).toBe("gzip");
    expect(cacheEncoding("br")).toBe("identity");
    expect(cacheEncoding(undefined)).toBe("identity");
  });
});

describe("the key of a page", () => {
  const base = pageKey(request("/"), { locale: "ru", today: "2026-12-01", reader });

  it("changes with every input the page is made of", () => {
    const variants = [
      pageKey(request("/?year=2020"), { locale: "ru", today: "2026-12-01", reader }),
      // The view's days: statuses on a day, and the figures as reported on a day.
      pageKey(request("/?asOf=2020-06-30"), { locale: "ru", today: "2026-12-01", reader }),
      pageKey(request("/?reportedOn=2021-06-30"), { locale: "ru", today: "2026-12-01", reader }),
      pageKey(request("/"), { locale: "kk", today: "2026-12-01", reader }),
      pageKey(request("/"), { locale: "ru", today: "2026-12-02", reader }),
      pageKey(request("/", { "accept-encoding": "gzip" }), {
        locale: "ru",
        today: "2026-12-01",
        reader,
      }),
      pageKey(request("/", { rsc: "1" }), { locale: "ru", today: "2026-12-01", reader }),
      ...(["role", "confidential", "demo", "dataVersion"] as const).map((field) =>
        pageKey(request("/"), {
          locale: "ru",
          today: "2026-12-01",
          reader: {
            ...reader,
            [field]: field === "demo" || field === "confidential" ? true : "other",
          },
        }),
      ),
    ];
    for (const key of variants) expect(key).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it("ignores headers the page is not made of", () => {
    expect(
      pageKey(request("/", { "user-agent": "x", cookie: "spm_session=s" }), {
        locale: "ru",
        today: "2026-12-01",
        reader,
      }),
    ).toBe(base);
  });
});

describe("PageCache", () => {
  it("keeps pages within its byte budget, least recently read out first", () => {
    const cache = new PageCache(300);
    cache.set("a", page(100));
    cache.set("b", page(100));
    cache.set("c", page(100));
    expect(cache.get("a")).toBeDefined();
    cache.set("d", page(100));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.size).toEqual({ pages: 3, bytes: 300 });
    cache.set("big", page(301));
    expect(cache.get("big")).toBeUndefined();
  });

  it("drops the pages of older data versions and refuses late renders of them", () => {
    const cache = new PageCache(1000);
    cache.set("a", page(10, "1"));
    cache.set("b", page(10, "2"));
    expect(cache.get("a")).toBeUndefined();
    cache.set("c", page(10, "1"));
    expect(cache.get("c")).toBeUndefined();
    expect(cache.size).toEqual({ pages: 1, bytes: 10 });
    // Versions compare as numbers, not as text.
    cache.set("d", page(10, "10"));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("d")).toBeDefined();
  });

  it("shares one render among concurrent misses and keeps only a page", async () => {
    const cache = new PageCache(1000);
    let done: (p: CachedPage | null) => void = () => {};
    cache.track("k", new Promise((r) => (done = r)));
    const waiting = cache.pending("k");
    expect(waiting).toBeDefined();
    done(page(5));
    expect(await waiting).not.toBeNull();
    expect(cache.pending("k")).toBeUndefined();
    expect(cache.get("k")?.body.length).toBe(5);
    cache.track("n", Promise.resolve(null));
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.get("n")).toBeUndefined();
  });
});

/** A real server whose handler writes as Next does; returns what capture kept and what was sent. */
async function captured(
  respond: (res: ServerResponse) => void,
  maxBytes = 1 << 20,
): Promise<{ kept: CachedPage | null; sent: Buffer | null }> {
  let kept: Promise<CachedPage | null> = Promise.resolve(null);
  const server = createServer((_req, res) => {
    kept = capture(res, { maxBytes, dataVersion: "3" });
    respond(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const { port } = server.address() as AddressInfo;
    const sent = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" })
      .then(async (res) => Buffer.from(await res.arrayBuffer()))
      .catch(() => null);
    return { kept: await kept, sent };
  } finally {
    server.close();
  }
}

describe("capture", () => {
  it("keeps the bytes and headers the reader received, however they were written", async () => {
    const { kept, sent } = await captured((res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.writeHead(200, { vary: "rsc" });
      res.write("<p>Қазақ");
      res.write(Buffer.from(" тілі</p>"));
      res.write("3c62723e", "hex");
      res.end(new Uint8Array([33]));
    });
    expect(sent && kept?.body.equals(sent)).toBe(true);
    expect(kept?.body.toString()).toBe("<p>Қазақ тілі</p><br>!");
    expect(kept?.headers).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      vary: "rsc",
    });
    expect(kept?.headers.date).toBeUndefined();
    expect(kept?.dataVersion).toBe("3");
  });

  it("keeps the render's CSP with its HTML, and no HSTS (decided per request)", async () => {
    const policy = "script-src 'nonce-abc' 'strict-dynamic'";
    const { kept } = await captured((res) => {
      res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
      res.setHeader("content-security-policy", policy);
      res.end('<script nonce="abc"></script>');
    });
    expect(kept?.headers["content-security-policy"]).toBe(policy);
    expect(kept?.headers["strict-transport-security"]).toBeUndefined();
  });

  it("keeps no redirect, no answer that sets a cookie and nothing over the size limit", async () => {
    const redirect = await captured((res) => res.writeHead(307, { location: "/login" }).end());
    expect(redirect.kept).toBeNull();
    const cookie = await captured((res) => {
      res.setHeader("set-cookie", "a=b");
      res.end("x");
    });
    expect(cookie.kept).toBeNull();
    const big = await captured((res) => res.end("x".repeat(11)), 10);
    expect(big.kept).toBeNull();
    expect(big.sent?.length).toBe(11);
  });

  it("keeps nothing of an answer cut short", async () => {
    const cut = await captured((res) => {
      res.write("<p>half");
      setTimeout(() => res.destroy(), 20);
    });
    expect(cut.sent).toBeNull();
    expect(cut.kept).toBeNull();
  });
});
