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
  /** May read confidential figures. */
  confidential: boolean;
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
  "confidential",
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
  confidential: boolean;
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
    confidential: row.confidential,
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
    confidential?: boolean;
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
      confidential: args.confidential ?? false,
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
  const found = await db
    .selectFrom("api_tokens as t")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select(columns.map((c) => `t.${c}` as const))
    .select(["u.confidential as creator_confidential", "u.disabled_at as creator_disabled"])
    .where("t.token_hash", "=", hashSecret(token))
    .where("t.revoked_at", "is", null)
    .where((eb) => eb.or([eb("t.expires_at", "is", null), eb("t.expires_at", ">", now)]))
    .executeTakeFirst();
  if (!found) return undefined;
  const { creator_confidential, creator_disabled, ...row } = found;
  // A token never reads more than its creator may today: a right taken from the person who
  // made it is taken from the token too.
  const creatorMay =
    row.created_by === null || (creator_confidential === true && !creator_disabled);
  row.confidential = row.confidential && creatorMay;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.id)
      .execute();
  }
  return toInfo(row);
}

/** Grants or withdraws a live token's `confidential` permission; false when no such token. */
export async function updateApiToken(
  db: Conn,
  id: string,
  changes: { confidential: boolean },
  actor: Actor,
): Promise<ApiTokenInfo | undefined> {
  const before = await db
    .selectFrom("api_tokens")
    .select(columns)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!before) return undefined;
  const row = await db
    .updateTable("api_tokens")
    .set({ confidential: changes.confidential })
    .where("id", "=", id)
    .returning(columns)
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    ...actorFields(actor),
    action: "token.update",
    entityType: "api_token",
    entityId: id,
    before: { confidential: before.confidential },
    after: { confidential: row.confidential },
  });
  return toInfo(row);
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
