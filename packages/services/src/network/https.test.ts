import { describe, expect, it } from "vitest";
import { isHttpsUrl, servedOverHttps } from "./https";

describe("served over https (session cookie Secure flag, HSTS)", () => {
  it("reads APP_URL's scheme", () => {
    expect(isHttpsUrl("https://monitor.example.kz")).toBe(true);
    expect(isHttpsUrl("HTTPS://monitor.example.kz")).toBe(true);
    expect(isHttpsUrl("http://localhost:3000")).toBe(false);
    expect(isHttpsUrl(undefined)).toBe(false);
  });

  const base = { appUrl: "http://localhost:3000", trustedProxies: ["loopback", "10.0.0.0/8"] };
  it.each([
    [
      "APP_URL https, whoever connected",
      { appUrl: "https://m.example", peer: "203.0.113.9", forwardedProto: undefined },
      true,
    ],
    ["a trusted proxy says https", { peer: "10.1.2.3", forwardedProto: "https" }, true],
    [
      "a trusted proxy's first value counts",
      { peer: "127.0.0.1", forwardedProto: "https, http" },
      true,
    ],
    ["a trusted proxy says http", { peer: "10.1.2.3", forwardedProto: "http" }, false],
    ["a trusted proxy says nothing", { peer: "10.1.2.3", forwardedProto: undefined }, false],
    ["a client's own claim", { peer: "203.0.113.9", forwardedProto: "https" }, false],
    ["no peer", { peer: undefined, forwardedProto: "https" }, false],
  ])("%s", (_name, request, expected) => {
    expect(servedOverHttps({ ...base, ...request })).toBe(expected);
  });
});
