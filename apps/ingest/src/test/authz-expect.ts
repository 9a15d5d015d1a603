// The expected statuses of the authorisation matrix (authz-matrix.test.ts), per kind of caller.

export const CALLERS = ["anon", "viewer", "steward", "regionSteward", "manager", "admin"] as const;
export type Caller = (typeof CALLERS)[number];
export type Expect = Record<Caller, number>;

export const everyone = (code: number): Expect =>
  Object.fromEntries(CALLERS.map((c) => [c, code])) as Expect;
/** 401 without credentials, 403 below the role, `ok` from the role up. */
export function from(role: "viewer" | "steward" | "manager" | "admin", ok: number): Expect {
  const rank = { viewer: 1, steward: 2, manager: 3, admin: 4 }[role];
  const level: Record<Caller, number> = {
    anon: 0,
    viewer: 1,
    steward: 2,
    regionSteward: 2,
    manager: 3,
    admin: 4,
  };
  return Object.fromEntries(
    CALLERS.map((c) => [c, c === "anon" ? 401 : level[c] >= rank ? ok : 403]),
  ) as Expect;
}
