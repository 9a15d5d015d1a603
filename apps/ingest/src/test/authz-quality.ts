import type { Expect } from "./authz-expect";

// The lines of the authorisation matrix (authz-matrix.test.ts) for data quality: the list of a
// programme's warnings, and a follow-up mark (no such warning: the caller's rights come first).
export function qualityMatrix(
  from: (role: "viewer" | "steward" | "manager" | "admin", ok: number) => Expect,
  program: string,
): { method: string; route: string; path: string; body?: unknown; expect: Expect }[] {
  return [
    {
      method: "GET",
      route: "/api/v1/data-quality",
      path: `/api/v1/data-quality?program=${program}`,
      expect: from("viewer", 200),
    },
    {
      method: "POST",
      route: "/api/v1/data-quality/:id/follow-up",
      path: "/api/v1/data-quality/999999999999/follow-up",
      body: { followUp: true },
      expect: from("steward", 404),
    },
  ];
}
