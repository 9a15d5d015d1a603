// Which peers may say who the client is (X-Forwarded-For): only proxies named in TRUSTED_PROXIES
// (ASVS 5.0 V4.1 / L2: a header the client writes is never its address). Entries are addresses,
// CIDR ranges or the names Express knows: loopback, linklocal, uniquelocal.
import ipaddr from "ipaddr.js";

const NAMED: Record<string, readonly string[]> = {
  loopback: ["127.0.0.1/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** The entries of a TRUSTED_PROXIES value, or the first one that is not an address or range. */
export function parseTrustedProxies(
  text: string,
): { ok: true; list: string[] } | { ok: false; bad: string } {
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const valid = entry in NAMED || ipaddr.isValid(entry) || isCidr(entry);
    if (!valid) return { ok: false, bad: entry };
  }
  return { ok: true, list };
}

/** Whether `address` (as a socket reports it) is one of the trusted proxies. */
export function isTrustedProxy(
  address: string | null | undefined,
  list: readonly string[],
): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return list
    .flatMap(
      (entry) =>
        NAMED[entry] ?? [
          entry.includes("/") ? entry : `${entry}/${parsed.kind() === "ipv4" ? 32 : 128}`,
        ],
    )
    .some((range) => {
      if (!isCidr(range)) return false;
      const [net, bits] = ipaddr.parseCIDR(range);
      const candidate = ipaddr.process(net.toString());
      return candidate.kind() === parsed.kind() && parsed.match(candidate, bits);
    });
}

function isCidr(text: string): boolean {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}
