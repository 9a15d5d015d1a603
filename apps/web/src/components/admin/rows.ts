import type { ApiTokenInfo, ProgramSummary, PublicUser, Role } from "@spm/db";
import type { Locale } from "@spm/kpi";
import { formatDateTime } from "./format";
import {
  LANGS,
  type Lang,
  type RegionOption,
  ROLES,
  type TokenRow,
  type TokenState,
  type UserRow,
} from "./types";

/** The regions of every loaded programme (nation first, as in the file), each code once. */
export function toRegionOptions(programs: ProgramSummary[], locale: Locale): RegionOption[] {
  const seen = new Map<string, RegionOption>();
  for (const p of programs) {
    for (const r of p.regions) {
      if (!seen.has(r.code)) seen.set(r.code, { code: r.code, name: r.name[locale] ?? r.code });
    }
  }
  return [...seen.values()];
}

/** A user as the admin table shows it. */
export function toUserRow(u: PublicUser): UserRow {
  const lang: Lang = (LANGS as readonly string[]).includes(u.lang) ? (u.lang as Lang) : "ru";
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    regions: u.regions,
    lang,
    disabled: u.disabled,
    confidential: u.confidential,
    agency: u.agency,
  };
}

/** A token's creator as it stands now: the API refuses the token once it holds less. */
export interface TokenCreator {
  username: string;
  role: Role;
  disabled: boolean;
}

function tokenState(k: ApiTokenInfo, now: Date, creator: TokenCreator | undefined): TokenState {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  const weaker = creator && ROLES.indexOf(creator.role) < ROLES.indexOf(k.role);
  return creator?.disabled || weaker ? "suspended" : "active";
}

/** A token as the admin table shows it, dates formatted and the creator named. */
export function toTokenRow(
  k: ApiTokenInfo,
  ctx: { now: Date; locale: Locale; creators: Map<string, TokenCreator> },
): TokenRow {
  const when = (d: Date | null) => (d ? formatDateTime(d, ctx.locale) : null);
  const creator = k.createdBy ? ctx.creators.get(k.createdBy) : undefined;
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    regions: k.regions,
    confidential: k.confidential,
    createdBy: k.createdBy ? (creator?.username ?? k.createdBy) : null,
    createdAt: formatDateTime(k.createdAt, ctx.locale),
    expiresAt: when(k.expiresAt),
    lastUsedAt: when(k.lastUsedAt),
    state: tokenState(k, ctx.now, creator),
  };
}
