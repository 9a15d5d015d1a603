import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { isTrustedProxy } from "@spm/services";
import { env } from "~/env";
import { isHttpsRequest } from "./https";
import { PEER_HEADER } from "./peer";

// Hop-by-hop headers (RFC 9110 §7.6.1) stay on this hop, and so does `expect`: this server
// answers the client's 100-continue itself. Forwarding it made every curl body over 1 MB fail.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "host",
  "expect",
]);
// A multipart body carries the file plus its part headers and boundaries.
const MULTIPART_SLACK_BYTES = 64 * 1024;
// The API answers an upload once it has staged every row (minutes for the largest files);
// only a connection silent for this long is given up.
const IDLE_TIMEOUT_MS = 15 * 60_000;
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/** Why a path is not forwarded: not an /api/v1 route, or a segment that could climb out of it. */
export type PathRefusal = "not_api_v1" | "path_invalid";

/**
 * The API path for the segments after /api/ (Next has decoded them once), or why none: only
 * /api/v1 routes are reached, and no segment may be a dot segment or hide one (`%2e%2e`, `..%2f`).
 */
export function apiPath(segments: readonly string[]): string | PathRefusal {
  if (segments.some(unsafeSegment)) return "path_invalid";
  if (segments[0] !== "v1" || segments.length < 2) return "not_api_v1";
  return `/api/${segments.map(encodeURIComponent).join("/")}`;
}

/** The API path of the queue board for the segments after /admin/queues/, or why none. */
export function queueBoardPath(segments: readonly string[]): string | PathRefusal {
  if (segments.some(unsafeSegment)) return "path_invalid";
  return [QUEUE_BOARD, ...segments.map(encodeURIComponent)].join("/");
}

const QUEUE_BOARD = "/admin/queues";
const unsafeSegment = (s: string) =>
  s === "" || /^\.{1,2}$/.test(s) || /[/\\]|%2e|%2f|%5c/i.test(s);

/** The problem answered for a refused path (400 for a dot segment, 404 outside /api/v1). */
export function refusePath(reason: PathRefusal): Response {
  const requestId = crypto.randomUUID();
  return reason === "path_invalid"
    ? problem(
        400,
        "Bad Request",
        "the path has an empty or dot segment",
        { code: reason },
        requestId,
      )
    : problem(404, "Not Found", "only /api/v1 routes are served here", { code: reason }, requestId);
}

/** Streams a request to the ingest API (an /api/v1 route or the queue board) and its answer
 * back, without buffering either body. */
export async function forwardToApi(req: Request, path: string): Promise<Response> {
  const { API_URL, MAX_UPLOAD_MB, TRUSTED_PROXIES } = env();
  const incoming = new URL(req.url);
  const target = new URL(path, API_URL);
  const reachable =
    target.pathname.startsWith("/api/v1/") ||
    target.pathname === QUEUE_BOARD ||
    target.pathname.startsWith(`${QUEUE_BOARD}/`);
  if (!reachable) return refusePath("not_api_v1");
  target.search = incoming.search;
  const given = req.headers.get("x-request-id");
  const requestId = given && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > MAX_UPLOAD_MB * 1024 * 1024 + MULTIPART_SLACK_BYTES)
    return tooLarge(MAX_UPLOAD_MB, requestId);
  const headers = outgoingHeaders(req.headers, {
    "x-request-id": requestId,
    ...forwardedFor(req.headers, TRUSTED_PROXIES),
    "x-forwarded-host": req.headers.get("host") ?? incoming.host,
    // The API's Secure cookie follows this: https by APP_URL or a trusted proxy's word only.
    "x-forwarded-proto": isHttpsRequest(req.headers, req.headers.get(PEER_HEADER) ?? undefined)
      ? "https"
      : "http",
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && req.body !== null;
  const client = target.protocol === "https:" ? https : http;
  return new Promise<Response>((resolve) => {
    let answered = false;
    const upstream = client.request(target, {
      method: req.method,
      headers,
      agent: agents[target.protocol as "http:" | "https:"],
      timeout: IDLE_TIMEOUT_MS,
    });
    upstream.on("response", (res) => {
      answered = true;
      resolve(toResponse(res));
    });
    upstream.on("timeout", () =>
      upstream.destroy(Object.assign(new Error("idle"), { code: "IDLE" })),
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      // After an early answer (413 while the body is still arriving) the rest is not wanted.
      if (answered) return;
      if (req.signal.aborted) return resolve(new Response(null, { status: 499 }));
      logFailure(requestId, req.method, path, error);
      resolve(unreachable(error, requestId));
    });
    req.signal.addEventListener("abort", () => upstream.destroy(), { once: true });
    if (hasBody && req.body) {
      const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream);
      body.on("error", () => upstream.destroy());
      body.pipe(upstream);
    } else upstream.end();
  });
}

// Who the client is, as this hop knows it: the address that connected, after the chain it
// brought only when that address is a trusted proxy. The client's own claims are not passed on.
const CLIENT_CLAIMS = new Set(["x-forwarded-for", "forwarded", "x-real-ip", PEER_HEADER]);

function forwardedFor(source: Headers, trusted: readonly string[]): Record<string, string> {
  const peer = source.get(PEER_HEADER)?.trim();
  if (!peer) return {};
  const chain = isTrustedProxy(peer, trusted) ? source.get("x-forwarded-for") : null;
  return { "x-forwarded-for": chain ? `${chain}, ${peer}` : peer };
}

function outgoingHeaders(source: Headers, extra: Record<string, string>): http.OutgoingHttpHeaders {
  const named = (source.get("connection") ?? "").toLowerCase().split(",");
  const out: http.OutgoingHttpHeaders = {};
  for (const [key, value] of source)
    if (!HOP_BY_HOP.has(key) && !named.includes(key) && !CLIENT_CLAIMS.has(key)) out[key] = value;
  return { ...out, ...extra };
}

function toResponse(res: http.IncomingMessage): Response {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (value === undefined || HOP_BY_HOP.has(key) || key === "content-length") continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  const status = res.statusCode ?? 502;
  const empty = status === 204 || status === 304;
  if (empty) res.resume();
  const body = empty ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status, headers });
}

function problem(status: number, title: string, detail: string, extra: object, requestId: string) {
  return Response.json(
    { type: "about:blank", title, status, detail, requestId, ...extra },
    {
      status,
      headers: { "content-type": "application/problem+json", "x-request-id": requestId },
    },
  );
}

function tooLarge(limitMb: number, requestId: string): Response {
  return problem(
    413,
    "Content Too Large",
    `the file is larger than the upload limit of ${limitMb} MB (MAX_UPLOAD_MB)`,
    { code: "upload_too_large", params: { limitMb } },
    requestId,
  );
}

function unreachable(error: NodeJS.ErrnoException, requestId: string): Response {
  const idle = error.code === "IDLE";
  const closed = error.code === "ECONNRESET" || error.code === "EPIPE";
  const detail = idle
    ? `the ingest API did not answer within ${IDLE_TIMEOUT_MS / 60_000} minutes`
    : closed
      ? "the ingest API closed the connection before answering"
      : "the ingest API is not reachable";
  return problem(idle ? 504 : 502, idle ? "Gateway Timeout" : "Bad Gateway", detail, {}, requestId);
}

function logFailure(requestId: string, method: string, path: string, error: NodeJS.ErrnoException) {
  const line = {
    level: "error",
    time: new Date().toISOString(),
    name: "web",
    msg: "forwarding to the ingest API failed",
    requestId,
    method,
    path,
    code: error.code,
    error: error.message,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
