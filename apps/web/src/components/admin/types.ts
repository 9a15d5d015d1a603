import type { Role } from "@spm/db";

// Plain, serialisable rows handed from the admin pages to their client components.
export const ROLES = ["viewer", "steward", "manager", "admin"] as const satisfies readonly Role[];
export const LANGS = ["ru", "kk", "en"] as const;
export type Lang = (typeof LANGS)[number];

export interface RegionOption {
  code: string;
  name: string;
}

/** An agency of the loaded programmes, named in the reader's language. */
export interface AgencyOption {
  code: string;
  name: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  regions: string[] | null;
  lang: Lang;
  disabled: boolean;
  confidential: boolean;
  agency: string | null;
}

// Suspended: live, but its creator is disabled or now holds a lower role, so it is refused.
export type TokenState = "active" | "suspended" | "expired" | "revoked";

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  regions: string[] | null;
  confidential: boolean;
  createdBy: string | null;
  /** Dates arrive already formatted in the reader's language (no hydration drift). */
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  state: TokenState;
}
