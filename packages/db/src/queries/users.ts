import type { Kysely, Transaction } from "kysely";
import type { Database, Role, User } from "../database";
import { type Actor, actorFields, recordAudit } from "./audit";

type Conn = Kysely<Database> | Transaction<Database>;

export interface CreateUserInput {
  username: string;
  passwordHash: string;
  role: Role;
  email?: string | null;
  displayName?: string | null;
  lang?: "ru" | "kk" | "en";
  regions?: string[] | null;
  /** The agency the user works for (an agency code), or none. */
  agency?: string | null;
  /** May read confidential figures. */
  confidential?: boolean;
}

/** Creates a user and audits it; the password arrives already hashed. */
export async function createUser(db: Conn, input: CreateUserInput, actor: Actor): Promise<User> {
  const user = await db
    .insertInto("users")
    .values({
      username: input.username,
      password_hash: input.passwordHash,
      role: input.role,
      email: input.email ?? null,
      display_name: input.displayName ?? null,
      lang: input.lang ?? "ru",
      regions: input.regions ?? null,
      agency: input.agency ?? null,
      confidential: input.confidential ?? false,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    ...actorFields(actor),
    action: "user.create",
    entityType: "user",
    entityId: user.id,
    after: {
      username: user.username,
      role: user.role,
      email: user.email,
      regions: user.regions,
      confidential: user.confidential,
    },
  });
  return user;
}

/** Finds a user by username, case-insensitively. */
export async function findUserByUsername(db: Conn, username: string): Promise<User | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
    .executeTakeFirst();
}

/** Which of the given usernames have an account (compared case-insensitively), as stored. */
export async function listExistingUsernames(db: Conn, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select("username")
    .where(
      (eb) => eb.fn("lower", ["username"]),
      "in",
      names.map((n) => n.toLowerCase()),
    )
    .execute();
  return rows.map((r) => r.username);
}

/** Counts users holding a role (all users when no role is given). */
export async function countUsers(db: Conn, role?: Role): Promise<number> {
  let q = db.selectFrom("users").select((eb) => eb.fn.countAll<string>().as("n"));
  if (role) q = q.where("role", "=", role);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A user as the API shows it: never the password hash. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  regions: string[] | null;
  agency: string | null;
  confidential: boolean;
  lang: string;
  disabled: boolean;
  createdAt: Date;
}

/** Strips secrets from a user row. */
export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    role: user.role,
    regions: user.regions,
    agency: user.agency,
    confidential: user.confidential,
    lang: user.lang,
    disabled: user.disabled_at !== null,
    createdAt: user.created_at,
  };
}

/** Lists every user by username. */
export async function listUsers(db: Conn): Promise<User[]> {
  return db.selectFrom("users").selectAll().orderBy("username").execute();
}

/** Finds a user by id. */
export async function findUserById(db: Conn, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface UserChanges {
  role?: Role;
  regions?: string[] | null;
  agency?: string | null;
  confidential?: boolean;
  email?: string | null;
  displayName?: string | null;
  lang?: "ru" | "kk" | "en";
  disabled?: boolean;
  passwordHash?: string;
}

/** Applies changes to a user and audits them (a password change is audited without the hash). */
export async function updateUser(
  db: Conn,
  id: string,
  changes: UserChanges,
  actor: Actor,
  now: Date,
): Promise<User | undefined> {
  const before = await findUserById(db, id);
  if (!before) return undefined;
  const after = await db
    .updateTable("users")
    .set({
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.regions !== undefined ? { regions: changes.regions } : {}),
      ...(changes.agency !== undefined ? { agency: changes.agency } : {}),
      ...(changes.confidential !== undefined ? { confidential: changes.confidential } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.lang !== undefined ? { lang: changes.lang } : {}),
      ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? now : null } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const { passwordHash } = changes;
  await recordAudit(db, {
    ...actorFields(actor),
    action: "user.update",
    entityType: "user",
    entityId: id,
    before: toPublicUser(before),
    after: { ...toPublicUser(after), ...(passwordHash ? { passwordChanged: true } : {}) },
  });
  return after;
}

/** The names people read for some actors (`user:<id>`: the display name, else the username). */
export async function listActorNames(
  db: Conn,
  actors: readonly (string | null)[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      actors.flatMap((a) => {
        const m = /^user:([0-9a-f-]{36})$/i.exec(a ?? "");
        return m?.[1] ? [m[1]] : [];
      }),
    ),
  ];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "username", "display_name"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [`user:${r.id}`, r.display_name ?? r.username]));
}
