import type { Db } from "@spm/db";
import { actOnApproval } from "@spm/services";
import type { Expect } from "./authz-expect";

// The lines of the authorisation matrix (authz-matrix.test.ts) for approving figures. The
// nation's 2020 is submitted before: submitting it again is refused 409 `unit_submitted` to
// every caller who may submit it, so every call finds the unit as it was.
export async function arrangeApprovals(db: Db, program: string): Promise<void> {
  await actOnApproval(db, {
    request: { program, year: 2020, action: "submit" },
    places: null,
    actor: "test",
    now: new Date(),
  });
}

export function approvalsMatrix(
  from: (role: "viewer" | "steward" | "manager" | "admin", ok: number) => Expect,
  program: string,
): { method: string; route: string; path: string; body?: unknown; expect: Expect }[] {
  return [
    {
      method: "GET",
      route: "/api/v1/approvals",
      path: `/api/v1/approvals?program=${program}&year=2020`,
      expect: from("steward", 200),
    },
    {
      method: "POST",
      route: "/api/v1/approvals",
      path: "/api/v1/approvals",
      body: { program, year: 2020, action: "submit" },
      // A steward limited to regions submits its own places only, not the nation's.
      expect: { ...from("steward", 409), regionSteward: 403 },
    },
  ];
}
