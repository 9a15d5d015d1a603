import { type Db, findLiveTokenById, findUserById, type Role } from "@spm/db";
import type { ProgramIndex, RawRow } from "@spm/kpi";
import { ROLES } from "../auth/principal";

/** Where a writer may set figures now: every region (null), some, or nowhere (refused). */
export type WriteScope = { allowed: true; regions: string[] | null } | { allowed: false };

const writes = (role: Role) => ROLES.indexOf(role) >= ROLES.indexOf("steward");

/**
 * The write scope of an upload's author as it is now, not as it was when the upload was staged:
 * a user's current role and regions (none when disabled or gone), a token's as the API would take
 * it now (none when revoked, expired, gone, or its creator disabled or demoted; its regions within
 * its creator's). Uploads of the system itself (seed, demo, tests) are not limited.
 */
export async function writeScopeNow(db: Db, author: string, now: Date): Promise<WriteScope> {
  const [kind, id = ""] = author.split(":", 2);
  if (kind === "user") {
    const user = await findUserById(db, id).catch(() => undefined);
    if (!user || user.disabled_at || !writes(user.role)) return { allowed: false };
    return { allowed: true, regions: user.regions };
  }
  if (kind === "token") {
    const token = await findLiveTokenById(db, id, now).catch(() => undefined);
    if (!token || !writes(token.role)) return { allowed: false };
    return { allowed: true, regions: token.regions };
  }
  return { allowed: true, regions: null };
}

/**
 * The region a region-limited writer may not set this row's figure for (national rows
 * included), or null when the row is theirs.
 */
export function forbiddenRegion(
  raw: RawRow,
  regions: readonly string[] | null,
  index: ProgramIndex,
): string | null {
  if (!regions) return null;
  const region = String(raw.region ?? "")
    .trim()
    .toUpperCase();
  const indicator = index.indicators.get(
    String(raw.indicator ?? "")
      .trim()
      .toUpperCase(),
  );
  const national =
    region === "" || (indicator ? region === indicator.program.nation : index.nations.has(region));
  const target = national ? (indicator?.program.nation ?? (region || "national")) : region;
  return national || !regions.includes(region) ? target : null;
}
