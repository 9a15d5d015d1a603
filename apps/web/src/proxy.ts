import { type NextRequest, NextResponse } from "next/server";
import { env } from "./env";
import { contentSecurityPolicy, createNonce } from "./lib/csp";

// Passes the requested path to server components, so a sign-in redirect can come back to it, and
// gives every page render a nonce: Next reads it from the request's CSP header and puts it on its
// scripts, and the answer carries the same policy. The page cache of server.ts keeps the header
// with the HTML it belongs to (src/server/page-cache.ts says why a replayed nonce is safe).
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(createNonce(), env().NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-spm-path", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Not the API (its own headers), Next's static files, nor the queue board (a policy of its own).
export const config = { matcher: ["/((?!api|_next|favicon.ico|admin/queues).*)"] };
