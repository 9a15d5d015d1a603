import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy";

const owner = { username: "aigerim.n", email: "aigerim.nurlanova@example.kz", displayName: null };

describe("the password policy", () => {
  it.each([
    ["aaaaaaaaaa", "password_too_short"],
    ["password12", "password_too_short"],
    ["1234567890", "password_too_short"],
    ["aaaaaaaaaaaa", "password_repeats"],
    ["password1234", "password_common"],
    ["123456789012", "password_common"],
    ["qwertyuiop[]", "password_keyboard"],
    ["abcdefghijklmnop", "password_sequence"],
    ["aigerim.n2026", "password_contains_name"],
    ["Aigerim.Nurlanova!", "password_contains_name"],
    ["x".repeat(1001), "password_too_long"],
  ])("refuses %s: %s", (password, code) => {
    expect(checkPassword(password, owner)).toMatchObject({ ok: false, code });
  });

  it.each([
    "a long enough password",
    "correct horse battery staple",
    "Tr0ub4dor&3-lantern",
    "kz-steward-2026-blue",
  ])("takes %s", (password) => {
    expect(checkPassword(password, owner)).toEqual({ ok: true });
  });

  it("refuses the username itself as the password", () => {
    expect(checkPassword("dinara.steward", { username: "dinara.steward" })).toMatchObject({
      ok: false,
      code: "password_contains_name",
    });
  });
});
