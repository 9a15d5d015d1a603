// Whether the app is reached over https, decided one way for the session cookie's Secure flag
// (ingest API) and for HSTS (dashboard): the app's own address says so (APP_URL https: TLS ends
// in a proxy in front), or a trusted proxy says so in X-Forwarded-Proto. A client's claim is not.
import { isTrustedProxy } from "./trusted-proxies";

/** Whether a configured app address (APP_URL) is an https one. */
export function isHttpsUrl(url: string | undefined): boolean {
  return url?.toLowerCase().startsWith("https:") ?? false;
}

/** Whether this request reached the app over https, by APP_URL or a trusted proxy's word. */
export function servedOverHttps(request: {
  appUrl: string | undefined;
  peer: string | null | undefined;
  forwardedProto: string | string[] | undefined;
  trustedProxies: readonly string[];
}): boolean {
  if (isHttpsUrl(request.appUrl)) return true;
  if (!isTrustedProxy(request.peer, request.trustedProxies)) return false;
  const given = Array.isArray(request.forwardedProto)
    ? request.forwardedProto[0]
    : request.forwardedProto;
  // The first value, as Express reads it: the proto the outermost trusted proxy was reached by.
  return given?.split(",")[0]?.trim().toLowerCase() === "https";
}
