import type { Kysely, Transaction } from "kysely";
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

/**
 * Finds the user of a live session (not revoked, not past its absolute expiry, not idle too
 * long, user not disabled); undefined otherwise. Records the activity unless `touch` is false
 * (a page's background poll or self-refresh is not the person doing something).
 */
export async function findSessionUser(
  db: Conn,
  args: { id: string; policy: SessionPolicy; now: Date; touch?: boolean },
): Promise<User | undefined> {
  const idHash = hashSecret(args.id);
  const idleSince = new Date(args.now.getTime() - args.policy.idleMinutes * 60_000);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("u")
    .select(["s.last_seen_at as session_last_seen"])
    .where("s.id_hash", "=", idHash)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", args.now)
    .where("s.last_seen_at", ">", idleSince)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_last_seen, ...user } = row;
  // Touch at most once a minute: one write per active user per minute, not per request.
  const stale = args.now.getTime() - new Date(session_last_seen).getTime() > 60_000;
  if (args.touch !== false && stale) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: args.now })
      .where("id_hash", "=", idHash)
      .execute();
  }
  return user;
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
