/**
 * Credentials kept at rest (ASVS 5.0 V11.3 / V13.3, L2): AES-256-GCM with a 96-bit random nonce
 * per seal, the key from the environment (SECRETS_KEY, never in the database), the key's id and
 * the nonce stored with the ciphertext, and the owner's id as associated data so that a sealed
 * value copied onto another row does not open there.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

export interface SecretsKey {
  id: string;
  key: Buffer;
}

const VERSION = "v1";

/** Reads a 32-byte key given as 64 hex digits or base64; null when it is neither. */
export function parseSecretsKey(text: string): SecretsKey | null {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== 32) return null;
  // Names the key without revealing it: which key sealed a value is known after a rotation.
  const id = createHmac("sha256", key).update("spm secrets key id").digest("hex").slice(0, 8);
  return { id, key };
}

/** Seals a secret for one owner (e.g. `source:<id>`). */
export function sealSecret(key: SecretsKey, owner: string, secret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, nonce);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const parts = [nonce, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [VERSION, key.id, ...parts].join(".");
}

export type OpenResult =
  | { ok: true; secret: string }
  | { ok: false; reason: "key_changed" | "damaged" };

/** Opens what `sealSecret` sealed for the same owner with the same key. */
export function openSecret(key: SecretsKey, owner: string, sealed: string): OpenResult {
  const [version, keyId, nonce, body, tag] = sealed.split(".");
  if (version !== VERSION || !nonce || body === undefined || !tag) return fail("damaged");
  if (keyId !== key.id) return fail("key_changed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]);
    return { ok: true, secret: plain.toString("utf8") };
  } catch {
    return fail("damaged");
  }
}

function fail(reason: "key_changed" | "damaged"): OpenResult {
  return { ok: false, reason };
}
