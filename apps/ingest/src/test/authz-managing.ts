import type { Expect } from "./authz-expect";

// The lines of the authorisation matrix (authz-matrix.test.ts) for managing a programme:
// definition edits and their preview and history, narratives, the definition as a file.
export function managingMatrix(
  from: (role: "viewer" | "steward" | "manager" | "admin", ok: number) => Expect,
  code: string,
  program: string,
): { method: string; route: string; path: string; body?: unknown; expect: Expect }[] {
  return [
    {
      method: "PATCH",
      route: "/api/v1/indicators/:code",
      path: `/api/v1/indicators/${code}`,
      body: { reason: "authorisation matrix", dueDays: 45 },
      expect: from("manager", 200),
    },
    {
      method: "POST",
      route: "/api/v1/indicators/:code/preview",
      path: `/api/v1/indicators/${code}/preview`,
      body: { targets: { "2020": 75 } },
      expect: from("manager", 200),
    },
    {
      method: "GET",
      route: "/api/v1/indicators/:code/history",
      path: `/api/v1/indicators/${code}/history`,
      expect: from("viewer", 200),
    },
    {
      method: "PUT",
      route: "/api/v1/indicators/:code/narratives/:year",
      path: `/api/v1/indicators/${code}/narratives/2020`,
      body: { explanation: { ru: "Проверка матрицы доступа" } },
      // A steward limited to regions writes its own places only, not the nation's.
      expect: { ...from("steward", 200), regionSteward: 403 },
    },
    {
      method: "GET",
      route: "/api/v1/indicators/:code/narratives/:year",
      path: `/api/v1/indicators/${code}/narratives/2020`,
      expect: from("viewer", 200),
    },
    {
      method: "GET",
      route: "/api/v1/narratives/missing",
      path: `/api/v1/narratives/missing?program=${program}`,
      expect: from("manager", 200),
    },
    {
      method: "GET",
      route: "/api/v1/completeness",
      path: `/api/v1/completeness?program=${program}&year=2020`,
      expect: from("viewer", 200),
    },
    {
      method: "GET",
      route: "/api/v1/programs/:code/definition.yaml",
      path: `/api/v1/programs/${program}/definition.yaml`,
      expect: from("admin", 200),
    },
  ];
}
