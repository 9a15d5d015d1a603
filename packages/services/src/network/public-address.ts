/**
 * Outgoing requests that must not reach into our own network (ASVS 5.0 V1.3 / L2, SSRF): only
 * global unicast addresses pass, in any spelling, and the address checked is the one connected
 * to (a lookup hook on the request, so a second DNS answer cannot differ). Webhooks and source
 * pulls share these rules.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
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

/** The host of a URL as an address literal (brackets of IPv6 removed), or null for a name. */
export function addressLiteralOf(url: URL): string | null {
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(literal) ? literal : null;
}

/**
 * A DNS lookup that answers only public addresses, failing with `refuse()` when the name has any
 * other (one private answer is enough: the next lookup might pick it).
 */
export function publicLookup(
  refuse: () => Error,
  resolve: typeof dnsLookup = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = found as unknown as LookupAddress[];
      if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address)))
        return callback(refuse() as NodeJS.ErrnoException, "", 0);
      if (options.all) return callback(null, addresses as never);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Whether a URL's host is public now: a literal by its spelling, a name by every address DNS
 * gives for it (`unresolved` when it gives none). A check when an address is saved; the request
 * itself checks again on the address it connects to.
 */
export async function checkPublicHost(
  url: URL,
  resolve: typeof dnsLookup = dnsLookup,
): Promise<"public" | "not_public" | "unresolved"> {
  const literal = addressLiteralOf(url);
  if (literal) return isPublicAddress(literal) ? "public" : "not_public";
  const addresses = await new Promise<LookupAddress[] | null>((done) =>
    resolve(url.hostname, { all: true }, (error, found) =>
      done(error ? null : (found as unknown as LookupAddress[])),
    ),
  );
  if (!addresses || addresses.length === 0) return "unresolved";
  return addresses.every((a) => isPublicAddress(a.address)) ? "public" : "not_public";
}
