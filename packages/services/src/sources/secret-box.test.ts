import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, parseSecretsKey, sealSecret } from "./secret-box";

const key = parseSecretsKey(randomBytes(32).toString("hex"));
if (!key) throw new Error("the test key does not parse");

describe("sealed secrets", () => {
  it("opens for its owner with its key, and never holds the secret in plain", () => {
    const sealed = sealSecret(key, "source:a", "d2pat_verysecret");
    expect(sealed).not.toContain("d2pat_verysecret");
    expect(sealed.startsWith(`v1.${key.id}.`)).toBe(true);
    expect(openSecret(key, "source:a", sealed)).toEqual({ ok: true, secret: "d2pat_verysecret" });
    // A fresh nonce each time: the same secret never seals to the same text.
    expect(sealSecret(key, "source:a", "d2pat_verysecret")).not.toBe(sealed);
  });

  it("does not open for another owner, with another key, or once altered", () => {
    const sealed = sealSecret(key, "source:a", "s3cret");
    expect(openSecret(key, "source:b", sealed)).toEqual({ ok: false, reason: "damaged" });
    const other = parseSecretsKey(randomBytes(32).toString("base64"));
    expect(other && openSecret(other, "source:a", sealed)).toEqual({
      ok: false,
      reason: "key_changed",
    });
    const parts = sealed.split(".");
    parts[3] = Buffer.from("altered").toString("base64url");
    expect(openSecret(key, "source:a", parts.join("."))).toEqual({ ok: false, reason: "damaged" });
  });

  it("reads a key as 64 hex digits or base64 of 32 bytes, and nothing else", () => {
    expect(parseSecretsKey("ab".repeat(32))?.key.length).toBe(32);
    expect(parseSecretsKey(randomBytes(32).toString("base64url"))?.key.length).toBe(32);
    expect(parseSecretsKey("short")).toBeNull();
    expect(parseSecretsKey(randomBytes(16).toString("hex"))).toBeNull();
  });
});
