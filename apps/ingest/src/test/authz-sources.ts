// The sources' lines of the authorisation matrix (authz-matrix.test.ts), kept apart so that the
// matrix file stays under 400 lines: every route is for admins, each answered for a missing id.
export function sourcesMatrix<E>(
  from: (role: "admin", ok: number) => E,
  noSuchId: string,
): { method: string; route: string; path: string; body?: unknown; expect: E }[] {
  const one = `/api/v1/sources/${noSuchId}`;
  return [
    {
      method: "GET",
      route: "/api/v1/sources",
      path: "/api/v1/sources",
      expect: from("admin", 200),
    },
    {
      method: "POST",
      route: "/api/v1/sources",
      path: "/api/v1/sources",
      body: {},
      expect: from("admin", 400),
    },
    { method: "GET", route: "/api/v1/sources/:id", path: one, expect: from("admin", 404) },
    {
      method: "PATCH",
      route: "/api/v1/sources/:id",
      path: one,
      body: {},
      expect: from("admin", 404),
    },
    { method: "DELETE", route: "/api/v1/sources/:id", path: one, expect: from("admin", 404) },
    {
      method: "POST",
      route: "/api/v1/sources/:id/pull",
      path: `${one}/pull`,
      expect: from("admin", 404),
    },
    {
      method: "GET",
      route: "/api/v1/sources/:id/pulls",
      path: `${one}/pulls`,
      expect: from("admin", 404),
    },
  ];
}
