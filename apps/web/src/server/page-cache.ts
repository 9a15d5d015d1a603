// A cache of rendered pages, in front of Next.js (server.ts). A page is cached under every input
// its HTML is made of — the URL, the reader's language and role, the data version, today's
// date, the encoding and Next's router headers — so a hit returns the bytes the same render
// would produce, to any reader of that role and the same confidential permission. Pages still authorise themselves on every miss; a hit is
// only served to a signed-in reader whose session was checked on this request.
//
// A page keeps the Content-Security-Policy header of its render, so a replay sends the nonce its
// scripts carry. Reusing it is safe: it is replayed only with byte-identical HTML fixed before
// anyone (an attacker reading the page included) could see the nonce, and any other content — a
// new URL, new data (the data version is in the key), another language or role — is a new
// render with a fresh random nonce. A nonce learnt from a page can thus never be put into markup
// that is sent with it. HSTS is decided per request (server.ts), so it is not kept.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** The pages whose HTML depends on nothing but the inputs of `PageKey` (audited one by one). */
const CACHEABLE = [/^\/$/, /^\/regions$/, /^\/indicators\/[^/]{1,64}$/];

/** What a cached page is made of besides its URL and language: the reader's role (the menu), the
 * confidential permission (withheld values), the demo banner and the data version. Nothing of
 * one reader's own (name, notices) is in a page. */
export interface ReaderInputs {
  role: string;
  /** The reader may read confidential figures: their pages hold values others' must not. */
  confidential: boolean;
  demo: boolean;
  dataVersion: string;
}

// Next's router headers: a client navigation or refresh asks for the RSC payload, not HTML.
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];

export function isCacheable(req: IncomingMessage): boolean {
  if (req.method !== "GET" || !req.url) return false;
  const pathname = req.url.split("?")[0] ?? "";
  return CACHEABLE.some((re) => re.test(pathname));
}

/** The encoding the cached copy is kept in: gzip when the reader accepts it, else none. */
export function cacheEncoding(acceptEncoding: string | undefined): "gzip" | "identity" {
  return /\bgzip\b/i.test(acceptEncoding ?? "") ? "gzip" : "identity";
}

export function pageKey(
  req: IncomingMessage,
  parts: { locale: string; today: string; reader: ReaderInputs },
): string {
  const h = req.headers;
  return JSON.stringify([
    req.url,
    parts.locale,
    parts.today,
    cacheEncoding(h["accept-encoding"]),
    ROUTER_HEADERS.map((name) => h[name] ?? ""),
    parts.reader,
  ]);
}

export interface CachedPage {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  dataVersion: string;
}

// Hop-by-hop and per-response headers are not replayed; the length is set from the body.
const NOT_KEPT = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "strict-transport-security",
]);

/**
 * Tees what Next writes to `res` and resolves with the page once the response has finished:
 * only a complete 200 that sets no cookie and is not larger than `maxBytes`; otherwise null.
 */
export function capture(
  res: ServerResponse,
  opts: { maxBytes: number; dataVersion: string },
): Promise<CachedPage | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const headHeaders: OutgoingHttpHeaders = {};
  const add = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size <= opts.maxBytes) chunks.push(buffer);
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    add(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    add(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.find((r) => r !== null && typeof r === "object");
    if (Array.isArray(given)) {
      for (let i = 0; i + 1 < given.length; i += 2) headHeaders[String(given[i])] = given[i + 1];
    } else if (given) Object.assign(headHeaders, given);
    return writeHead(status, ...rest);
  }) as ServerResponse["writeHead"];
  return new Promise((resolve) => {
    res.once("close", () => {
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries({ ...res.getHeaders(), ...headHeaders })) {
        if (value !== undefined && !NOT_KEPT.has(name.toLowerCase())) {
          headers[name.toLowerCase()] = value;
        }
      }
      const ok =
        res.writableFinished &&
        res.statusCode === 200 &&
        size <= opts.maxBytes &&
        headers["set-cookie"] === undefined;
      resolve(
        ok
          ? {
              status: 200,
              headers,
              body: Buffer.concat(chunks),
              dataVersion: opts.dataVersion,
            }
          : null,
      );
    });
  });
}

/** Writes a cached page as the answer to `res`. */
export function replay(res: ServerResponse, page: CachedPage, head: boolean): void {
  res.writeHead(page.status, {
    ...page.headers,
    "content-length": String(page.body.length),
    "x-spm-cache": "hit",
  });
  res.end(head ? undefined : page.body);
}

/**
 * Pages by key, least recently used first out, within a byte budget; a newer data version drops
 * the pages of older ones (their keys can no longer be asked for). Concurrent misses of one key
 * share one render.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly renders = new Map<string, Promise<CachedPage | null>>();
  private bytes = 0;
  private newestVersion = "";

  constructor(readonly maxBytes: number) {}

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /** The render of `key` already under way, if any. */
  pending(key: string): Promise<CachedPage | null> | undefined {
    return this.renders.get(key);
  }

  /** Records a render under way; its page is kept when it resolves to one. */
  track(key: string, render: Promise<CachedPage | null>): void {
    this.renders.set(key, render);
    void render.then((page) => {
      this.renders.delete(key);
      if (page) this.set(key, page);
    });
  }

  set(key: string, page: CachedPage): void {
    if (page.body.length > this.maxBytes) return;
    if (Number(page.dataVersion) > Number(this.newestVersion || "0")) {
      this.newestVersion = page.dataVersion;
      for (const [k, p] of this.pages) if (p.dataVersion !== page.dataVersion) this.drop(k, p);
    } else if (page.dataVersion !== this.newestVersion) {
      return;
    }
    const old = this.pages.get(key);
    if (old) this.drop(key, old);
    this.pages.set(key, page);
    this.bytes += page.body.length;
    for (const [k, p] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, p);
    }
  }

  private drop(key: string, page: CachedPage): void {
    this.pages.delete(key);
    this.bytes -= page.body.length;
  }
}
