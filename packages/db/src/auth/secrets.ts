import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** A new random secret (session id or API token) with a recognisable prefix. */
export function generateSecret(prefix: "spm_s" | "spm_t" | "spm_r"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/**
 * The stored form of a session id or token: SHA-256 is enough for 256-bit random secrets
 * (no dictionary to attack) and keeps every request's look-up cheap.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Hashes a password with argon2id (the library's defaults follow OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when a username is unknown costs the same time as a real check,
// so response times do not reveal which usernames exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$giYVbfeL+2AZpS/8Ik2jQQ$bstQ9wEY1FC5x0aopLkD3MYWHp23FkjB5ZcXEzM2GjU";

/** Checks a password against a stored hash (or a dummy one, to keep timing uniform). */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? DUMMY_HASH, password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}
