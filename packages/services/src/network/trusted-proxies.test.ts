import { describe, expect, it } from "vitest";
import { isTrustedProxy, parseTrustedProxies } from "./trusted-proxies";

describe("TRUSTED_PROXIES", () => {
  it("reads addresses, ranges and names, and refuses anything else", () => {
    expect(parseTrustedProxies(" loopback, 10.0.0.0/8 ,2001:db8::1,")).toEqual({
      ok: true,
      list: ["loopback", "10.0.0.0/8", "2001:db8::1"],
    });
    expect(parseTrustedProxies("")).toEqual({ ok: true, list: [] });
    expect(parseTrustedProxies("loopback,proxy.example")).toEqual({
      ok: false,
      bad: "proxy.example",
    });
  });

  it.each([
    ["127.0.0.1", ["loopback"], true],
    ["::ffff:127.0.0.1", ["loopback"], true],
    ["::1", ["loopback"], true],
    ["10.1.2.3", ["10.0.0.0/8"], true],
    ["10.1.2.3", ["10.1.2.3"], true],
    ["::ffff:10.1.2.3", ["10.1.2.3"], true],
    ["10.1.2.4", ["10.1.2.3"], false],
    ["203.0.113.5", ["loopback", "uniquelocal"], false],
    ["127.0.0.1", [], false],
    ["not an address", ["loopback"], false],
  ])("%s trusted by %j: %s", (address, list, expected) => {
    expect(isTrustedProxy(address, list)).toBe(expected);
  });
});
