import type { ProgramDefinition } from "@spm/kpi";
import { expect } from "vitest";
import { startFakeDhis2 } from "./fake-dhis2";
import { answered, call } from "./openapi-contract";

// Real answers of the contract test (apps/ingest/src/http/openapi.test.ts) for the routes of
// managing a programme (definition edits, narratives, approvals) and of sources (a pull from a fake DHIS2).

type Headers = Record<string, string>;
type Auth = Record<"viewer" | "steward" | "manager" | "admin", Headers>;

/** An indicator's definition changed, previewed and read back; narratives written and listed. */
export async function answerDefinitionRoutes(auth: Auth, program: ProgramDefinition) {
  const code = program.indicators[0]?.code ?? "";
  const at = `/api/v1/indicators/${code}`;
  await call("POST", "/api/v1/indicators/:code/preview", `${at}/preview`, {
    headers: auth.manager,
    body: { targets: { "2021": 75 } },
  });
  await call("PATCH", "/api/v1/indicators/:code", at, {
    headers: auth.manager,
    body: { reason: "contract test", targets: { "2021": 75 } },
  });
  const history = await call("GET", "/api/v1/indicators/:code/history", `${at}/history`, {
    headers: auth.viewer,
  });
  expect(((await history.json()) as { version: number }).version).toBe(2);
  await call(
    "PUT",
    "/api/v1/indicators/:code/narratives/:year",
    `${at}/narratives/2019?region=ZZ-N`,
    {
      headers: auth.steward,
      body: { explanation: { ru: "Пояснение" }, measures: { kk: "Шаралар" } },
    },
  );
  await call("GET", "/api/v1/indicators/:code/narratives/:year", `${at}/narratives/2019`, {
    headers: auth.viewer,
  });
  await call(
    "GET",
    "/api/v1/narratives/missing",
    `/api/v1/narratives/missing?program=${program.code}`,
    { headers: auth.manager },
  );
  await call("POST", "/api/v1/approvals", "/api/v1/approvals", {
    headers: auth.steward,
    body: { program: program.code, year: 2021, region: "ZZ-N", action: "submit" },
  });
  await call("GET", "/api/v1/approvals", `/api/v1/approvals?program=${program.code}&year=2021`, {
    headers: auth.steward,
  });
  await call(
    "GET",
    "/api/v1/completeness",
    `/api/v1/completeness?program=${program.code}&year=2020`,
    { headers: auth.viewer },
  );
  await call(
    "GET",
    "/api/v1/programs/:code/definition.yaml",
    `/api/v1/programs/${program.code}/definition.yaml`,
    { headers: auth.admin },
  );
}

/** A source made, read, changed, pulled from a fake DHIS2, its pulls listed, then deleted. */
export async function answerSourceRoutes(auth: Auth, program: ProgramDefinition) {
  const dhis2 = await startFakeDhis2({
    token: "d2pat_contract0000000000000000000000000000000",
    dataSets: { Ds0000contr: ["De0000contr"] },
    parents: {},
    values: [],
  });
  try {
    const made = await call("POST", "/api/v1/sources", "/api/v1/sources", {
      headers: auth.admin,
      body: {
        program: program.code,
        name: `contract ${Date.now()}`,
        kind: "dhis2",
        url: `${dhis2.url}/`,
        dhis2: { dataSets: ["Ds0000contr"], orgUnits: ["Ou0000contr"], periods: ["2020"] },
        auth: { kind: "token", token: "d2pat_contract0000000000000000000000000000000" },
        everyMinutes: 60,
        // Pulled here only: a worker of the system tests shares this database.
        enabled: false,
      },
    });
    const { source } = (await made.json()) as { source: { id: string } };
    const at = `/api/v1/sources/${source.id}`;
    await call("GET", "/api/v1/sources", "/api/v1/sources", { headers: auth.admin });
    await call("GET", "/api/v1/sources/:id", at, { headers: auth.admin });
    await call("PATCH", "/api/v1/sources/:id", at, {
      headers: auth.admin,
      body: { everyMinutes: 120 },
    });
    await call("POST", "/api/v1/sources/:id/pull", `${at}/pull`, { headers: auth.admin });
    await call("GET", "/api/v1/sources/:id/pulls", `${at}/pulls`, { headers: auth.admin });
    await call("DELETE", "/api/v1/sources/:id", at, { headers: auth.admin });
  } finally {
    await dhis2.close();
  }
}

/**
 * Report schedules made, listed and removed; the PDF route answers a year outside the programme
 * with a documented problem (its PDF needs the dashboard to print: the system test
 * tests/system/annual-report.test.ts reads a real one through the dashboard's origin).
 */
export async function answerReportRoutes(
  auth: Auth,
  program: ProgramDefinition,
  url: string,
  problem: (body: unknown) => boolean,
) {
  const made = await call("POST", "/api/v1/report-schedules", "/api/v1/report-schedules", {
    headers: auth.manager,
    body: { program: program.code, frequency: "quarterly", recipients: ["office@example.org"] },
  });
  const { id } = (await made.json()) as { id: string };
  await call("GET", "/api/v1/report-schedules", "/api/v1/report-schedules", {
    headers: auth.manager,
  });
  await call("DELETE", "/api/v1/report-schedules/:id", `/api/v1/report-schedules/${id}`, {
    headers: auth.manager,
  });
  const pdf = await fetch(`${url}/api/v1/reports/annual.pdf?program=${program.code}&year=1999`, {
    headers: auth.viewer,
  });
  expect(pdf.status).toBe(422);
  expect(pdf.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(problem(await pdf.json())).toBe(true);
  answered.add("GET /api/v1/reports/annual.pdf");
}
