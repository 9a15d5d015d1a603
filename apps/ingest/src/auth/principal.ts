import type { Role } from "@spm/db";

/** Who is calling: a signed-in user (cookie), a script (Bearer token), or a source's pull. */
export interface Principal {
  kind: "user" | "token" | "source";
  id: string;
  name: string;
  role: Role;
  /** Regions a steward may write; null = every region. */
  regions: string[] | null;
  /** The user answerable for it: the user, or a token's creator (null: made on the command line). */
  owner: string | null;
  /** May read figures flagged `confidential` (DESIGN "Reports and exports"). */
  confidential: boolean;
}

// Each role includes the rights of the ones before it.
export const ROLES = ["viewer", "steward", "manager", "admin"] as const satisfies readonly Role[];

/** True when the principal's role is at least `min`. */
export function hasRole(principal: Principal, min: Role): boolean {
  return ROLES.indexOf(principal.role) >= ROLES.indexOf(min);
}

/** How the principal appears in the audit log and uploads (`user:<id>`, `token:<id>`, `source:<id>`). */
export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
      /** True when the principal came from the session cookie (ambient credentials). */
      viaCookie?: boolean;
    }
  }
}
