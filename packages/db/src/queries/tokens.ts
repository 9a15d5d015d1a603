import type { Kysely, Transaction } from "kysely";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Database, Role } from "../database";
import { type Actor, actorFields, recordAudit } from "./audit";

type Conn = Kysely<Database> | Transaction<Database>;

export interface ApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  regions: string[] | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const columns = [
  "id",
  "name",
  "role",
  "regions",
  "created_by",
  "created_at",
  "expires_at",
  "revoked_at",
  "last_used_at",
] as const;

function toInfo(row: {
  id: string;
  name: string;
  role: Role;
  regions: string[] | null;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    regions: row.regions,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Creates an API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(
  db: Conn,
  args: {
    name: string;
    role: Role;
    regions?: string[] | null;
    expiresAt?: Date | null;
    createdBy?: string | null;
  },
  actor: Actor,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = generateSecret("spm_t");
  const row = await db
    .insertInto("api_tokens")
    .values({
      name: args.name,
      token_hash: hashSecret(token),
      role: args.role,
      regions: args.regions && args.regions.length > 0 ? args.regions : null,
      expires_at: args.expiresAt ?? null,
      created_by: args.createdBy ?? null,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  const info = toInfo(row);
  await recordAudit(db, {
    ...actorFields(actor),
    action: "token.create",
    entityType: "api_token",
    entityId: info.id,
    after: info,
  });
  return { token, info };
}

/** Finds a live token (not revoked, not expired) by its secret and records its use. */
export async function findActiveToken(
  db: Conn,
  token: string,
  now: Date,
): Promise<ApiTokenInfo | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .select(columns)
    .where("token_hash", "=", hashSecret(token))
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.id)
      .execute();
  }
  return toInfo(row);
}

/** Finds a token by id, live or not (never its secret). */
export async function findApiTokenById(db: Conn, id: string): Promise<ApiTokenInfo | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .select(columns)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

/** Lists every token (never the secrets), newest first. */
export async function listApiTokens(db: Conn): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .select(columns)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toInfo);
}

/** Revokes a token; returns false when there is no such live token. */
export async function revokeApiToken(
  db: Conn,
  id: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returning(columns)
    .executeTakeFirst();
  if (!row) return false;
  await recordAudit(db, {
    ...actorFields(actor),
    action: "token.revoke",
    entityType: "api_token",
    entityId: id,
    before: { revokedAt: null },
    after: { revokedAt: now },
  });
  return true;
}
