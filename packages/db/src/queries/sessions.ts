import { type Kysely, sql, type Transaction } from "kysely";
import { generateSecret, hashSecret } from "../auth/secrets";
import type { Database, User } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Creates a session and returns its id (to put in the cookie); only its hash is stored. */
export async function createSession(
  db: Conn,
  args: {
    userId: string;
    policy: SessionPolicy;
    now: Date;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<{ id: string; expiresAt: Date }> {
  const id = generateSecret("spm_s");
  const expiresAt = new Date(args.now.getTime() + args.policy.absoluteHours * 3600_000);
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashSecret(id),
      user_id: args.userId,
      created_at: args.now,
      last_seen_at: args.now,
      expires_at: expiresAt,
      ip: args.ip ?? null,
      user_agent: args.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { id, expiresAt };
}

/** The conditions of a live session: not revoked, not past either expiry, its user enabled. */
function liveSessionFilter(args: { id: string; policy: SessionPolicy; now: Date }) {
  const idleSince = new Date(args.now.getTime() - args.policy.idleMinutes * 60_000);
  return { idHash: hashSecret(args.id), idleSince, now: args.now };
}

// Touch at most once a minute: one write per active user per minute, not per request.
async function touchSession(db: Conn, idHash: string, lastSeen: Date, now: Date): Promise<void> {
  if (now.getTime() - new Date(lastSeen).getTime() <= 60_000) return;
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now })
    .where("id_hash", "=", idHash)
    .execute();
}

/**
 * Finds the user of a live session (not revoked, not past its absolute expiry, not idle too
 * long, user not disabled); undefined otherwise. Records the activity unless `touch` is false
 * (a page's background poll or self-refresh is not the person doing something).
 */
export async function findSessionUser(
  db: Conn,
  args: { id: string; policy: SessionPolicy; now: Date; touch?: boolean },
): Promise<User | undefined> {
  const live = liveSessionFilter(args);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("u")
    .select(["s.last_seen_at as session_last_seen"])
    .where("s.id_hash", "=", live.idHash)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", live.now)
    .where("s.last_seen_at", ">", live.idleSince)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_last_seen, ...user } = row;
  if (args.touch !== false) await touchSession(db, live.idHash, session_last_seen, args.now);
  return user;
}

/** What the dashboard's page cache needs to know of a request before it may replay a page. */
export interface PageReader {
  /** The data version (read in the same statement as the session). */
  dataVersion: string;
  /** Whether synthetic demo figures are loaded (the pages show a banner). */
  demo: boolean;
  /** The role of the session's user, or null when the session is not a live one. */
  role: User["role"] | null;
  /** Whether that user may read figures flagged confidential (false without a live session). */
  confidential: boolean;
}

/**
 * The data version, the demo flag and the role of a live session's user (as `findSessionUser`
 * decides it, activity recorded the same way), in one round trip: a cache hit pays one query.
 */
export async function findPageReader(
  db: Conn,
  args: { id: string; policy: SessionPolicy; now: Date; touch?: boolean },
): Promise<PageReader> {
  const live = liveSessionFilter(args);
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("data_version").select("version").where("id", "=", 1).as("version"),
      eb.exists(eb.selectFrom("uploads").select("id").where("kind", "=", "demo")).as("demo"),
      eb
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(
          sql<string>`json_build_object('role', u.role, 'confidential', u.confidential, 'seen', s.last_seen_at)`.as(
            "who",
          ),
        )
        .where("s.id_hash", "=", live.idHash)
        .where("s.revoked_at", "is", null)
        .where("s.expires_at", ">", live.now)
        .where("s.last_seen_at", ">", live.idleSince)
        .where("u.disabled_at", "is", null)
        .as("who"),
    ])
    .executeTakeFirstOrThrow();
  const who = row.who as unknown as {
    role: User["role"];
    confidential: boolean;
    seen: string;
  } | null;
  if (who && args.touch !== false)
    await touchSession(db, live.idHash, new Date(who.seen), args.now);
  return {
    dataVersion: String(row.version ?? "0"),
    demo: Boolean(row.demo),
    role: who?.role ?? null,
    confidential: who?.confidential === true,
  };
}

/** Ends a session for good (logout). */
export async function revokeSession(db: Conn, id: string, now: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("id_hash", "=", hashSecret(id))
    .where("revoked_at", "is", null)
    .execute();
}

/** Ends every session of a user (password change, role change, disabling). */
export async function revokeUserSessions(db: Conn, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
