/**
 * Sending a webhook without letting a rule reach into our own network (ASVS 5.0 V1.3 / L2 SSRF):
 * the address checked is the one connected to (a lookup hook on the request, so a second DNS
 * answer cannot differ), and only global unicast addresses pass, in any spelling.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { UnrecoverableError } from "bullmq";
import ipaddr from "ipaddr.js";

/** Whether `address` is a public unicast address (IPv4-mapped, -compatible, NAT64 and 6to4 are not). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  // Global unicast is 2000::/3; ::/96 (IPv4-compatible) and other odd spellings fall outside it.
  const v6 = parsed as ipaddr.IPv6;
  return v6.range() === "unicast" && v6.match(ipaddr.parseCIDR("2000::/3"));
}

// Said the same way whatever the host and port: a manager must not learn which ports answer.
const REFUSED = "the webhook address is not a public address";
const UNREACHED = "the webhook receiver could not be reached";

/** A DNS lookup that answers only public addresses, failing when the name has any other. */
export function publicLookup(resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = found as unknown as LookupAddress[];
      if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address)))
        return callback(new UnrecoverableError(REFUSED), "", 0);
      if (options.all) return callback(null, addresses as never);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** The resolver (tests hand one in); the system's by default. */
  resolve?: typeof dnsLookup;
}

/** POSTs the body and resolves with the status; non-public addresses are refused unreached. */
export function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.reject(new UnrecoverableError("the webhook address must be http or https"));
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!post.allowPrivate && ipaddr.isValid(literal) && !isPublicAddress(literal))
    return Promise.reject(new UnrecoverableError(REFUSED));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: "POST",
      headers: { ...post.headers, "content-length": Buffer.byteLength(post.body) },
      timeout: post.timeoutMs,
      ...(post.allowPrivate ? {} : { lookup: publicLookup(post.resolve) }),
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) =>
      reject(error instanceof UnrecoverableError ? error : new Error(UNREACHED)),
    );
    request.on("response", (response) => {
      // The receiver's answer is not needed; reading it frees the connection.
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", () => reject(new Error(UNREACHED)));
    });
    request.end(post.body);
  });
}
