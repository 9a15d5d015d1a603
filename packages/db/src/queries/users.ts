import type { Kysely, Transaction } from "kysely";
import type { Database, Role, User } from "../database";
import { recordAudit } from "./audit";

type Conn = Kysely<Database> | Transaction<Database>;

export interface CreateUserInput {
  username: string;
  passwordHash: string;
  role: Role;
  email?: string | null;
  displayName?: string | null;
  lang?: "ru" | "kk" | "en";
  regions?: string[] | null;
}

/** Creates a user and audits it; the password arrives already hashed. */
export async function createUser(db: Conn, input: CreateUserInput, actor: string): Promise<User> {
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
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor,
    action: "user.create",
    entityType: "user",
    entityId: user.id,
    after: { username: user.username, role: user.role, email: user.email, regions: user.regions },
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

/** Counts users holding a role (all users when no role is given). */
export async function countUsers(db: Conn, role?: Role): Promise<number> {
  let q = db.selectFrom("users").select((eb) => eb.fn.countAll<string>().as("n"));
  if (role) q = q.where("role", "=", role);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
