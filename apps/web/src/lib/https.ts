import type { IncomingHttpHeaders } from "node:http";
import { servedOverHttps } from "@spm/services";
import { env } from "../env";

// HSTS for a year, subdomains included (ASVS 5.0 V12.1.1; not preloaded: that is the operator's call).
export const HSTS = "max-age=31536000; includeSubDomains";

/** Whether a request to the dashboard came over https: APP_URL https, or a trusted proxy's word. */
export function isHttpsRequest(headers: IncomingHttpHeaders | Headers, peer: string | undefined) {
  const forwardedProto =
    headers instanceof Headers
      ? (headers.get("x-forwarded-proto") ?? undefined)
      : headers["x-forwarded-proto"];
  const { APP_URL, TRUSTED_PROXIES } = env();
  return servedOverHttps({
    appUrl: APP_URL,
    peer,
    forwardedProto,
    trustedProxies: TRUSTED_PROXIES,
  });
}
