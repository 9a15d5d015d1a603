import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("the path sign-in returns to", () => {
  it.each([
    "/\\evil.example/",
    "/\t/evil.example/",
    decodeURIComponent("/%09/evil.example/"),
    decodeURIComponent("/%5Cevil.example/"),
    "//evil.example/",
    "/\n/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("sends %j nowhere but home", (next) => {
    expect(safeNext(next)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/indicators/HQ_READINESS?region=KZ-ALA", "/indicators/HQ_READINESS?region=KZ-ALA"],
    ["/admin/users#new", "/admin/users#new"],
    ["/%09/still-here", "/%09/still-here"],
  ])("keeps the site's own path %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
