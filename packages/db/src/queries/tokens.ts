import { type Kysely, sql, type Transaction } from "kysely";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Database, Role } from "../database";
import { type Actor, actorFields, recordAudit } from "./audit";

type Conn = Kysely<Database> | Transaction<Database>;

// Tokens are credentials without a second factor: each one ends (ASVS 3.5, OWASP API2).
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

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
    /** When it stops working; TOKEN_DEFAULT_DAYS after `now` when not given. */
    expiresAt?: Date;
    createdBy?: string | null;
    now?: Date;
  },
  actor: Actor,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = generateSecret("spm_t");
  const now = args.now ?? new Date();
  const row = await db
    .insertInto("api_tokens")
    .values({
      name: args.name,
      token_hash: hashSecret(token),
      role: args.role,
      regions: args.regions ?? null,
      confidential: args.confidential ?? false,
      expires_at: args.expiresAt ?? new Date(now.getTime() + TOKEN_DEFAULT_DAYS * 86_400_000),
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

// The roles in rising order, to compare a token's role with its creator's in SQL.
const RANKED = sql`array['viewer','steward','manager','admin']::text[]`;

/** Regions a token may write: no more than its creator may now (null: every region). */
function narrowRegions(token: string[] | null, creator: string[] | null): string[] | null {
  if (creator === null) return token;
  if (token === null) return creator;
  return token.filter((r) => creator.includes(r));
}

// Live tokens: not revoked, not expired, and the creator (if a user made it) still enabled and
// holding at least the token's role now.
function liveTokens(db: Conn, now: Date) {
  return db
    .selectFrom("api_tokens as t")
    .leftJoin("users as c", "c.id", "t.created_by")
    .select(columns.map((c) => `t.${c}` as const))
    .select(["c.regions as creator_regions", "c.confidential as creator_confidential"])
    .where("t.revoked_at", "is", null)
    .where((eb) => eb.or([eb("t.expires_at", "is", null), eb("t.expires_at", ">", now)]))
    .where((eb) =>
      eb.or([
        eb("t.created_by", "is", null),
        eb.and([
          eb("c.disabled_at", "is", null),
          eb(
            sql`array_position(${RANKED}, c.role::text)`,
            ">=",
            sql`array_position(${RANKED}, t.role::text)`,
          ),
        ]),
      ]),
    );
}

/**
 * A live token as it may act now: never with more than its creator may today (regions within
 * the creator's, the confidential permission only while the creator holds it).
 */
function asLive(
  row: Parameters<typeof toInfo>[0] & {
    creator_regions: string[] | null;
    creator_confidential: boolean | null;
  },
): ApiTokenInfo {
  const { creator_regions, creator_confidential, ...own } = row;
  const creatorMay = own.created_by === null || creator_confidential === true;
  return {
    ...toInfo(own),
    regions: narrowRegions(own.regions, creator_regions),
    confidential: own.confidential && creatorMay,
  };
}

/**
 * Finds a live token by its secret and records its use: not revoked, not expired, and its
 * creator (if a user made it) still enabled and holding at least the token's role now; its
 * regions are narrowed to the creator's.
 */
export async function findActiveToken(
  db: Conn,
  token: string,
  now: Date,
): Promise<ApiTokenInfo | undefined> {
  const row = await liveTokens(db, now)
    .where("t.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.id)
      .execute();
  }
  return asLive(row);
}

/** A token by id if it is live now, as `findActiveToken` decides, with the same regions. */
export async function findLiveTokenById(
  db: Conn,
  id: string,
  now: Date,
): Promise<ApiTokenInfo | undefined> {
  const row = await liveTokens(db, now).where("t.id", "=", id).executeTakeFirst();
  return row ? asLive(row) : undefined;
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
