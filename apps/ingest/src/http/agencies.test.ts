import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// Agencies as data (issue 15): a programme lists them, an indicator names one, a user belongs to
// one; unknown codes are refused naming the field.
let app: TestApp;
let admin: string;
let manager: string;
const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
const AGENCY = `MIN_${suffix}`;
const program = {
  ...buildProgram({ indicators: [{}, {}] }),
  agencies: [
    {
      code: AGENCY,
      name: { en: "Ministry of Tests", ru: "Министерство тестов", kk: "Тест министрлігі" },
    },
  ],
};
program.indicators[0] = { ...program.indicators[0], agency: AGENCY } as never;
const code = program.indicators[1]?.code ?? "";

beforeAll(async () => {
  app = await startTestApp();
  admin = await tokenFor(app.db, "admin");
  manager = await tokenFor(app.db, "manager");
  await importProgram(app.db, program, "test");
});
afterAll(() => app?.close());

function call(method: string, path: string, token: string, body: unknown) {
  return fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("agencies", () => {
  it("are given to an indicator by a manager's edit, an unknown one refused naming the field", async () => {
    const bad = await call("PATCH", `/indicators/${code}`, manager, {
      reason: "assign",
      agency: "NO_SUCH_AGENCY",
    });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { invalid: { field: string }[] };
    expect(problem.invalid.map((i) => i.field)).toEqual(["agency"]);
    const good = await call("PATCH", `/indicators/${code}`, manager, {
      reason: "assign",
      agency: AGENCY,
    });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { changes: { field: string }[] }).changes).toEqual([
      { field: "agency", after: AGENCY },
    ]);
  });

  it("are given to users; an agency no programme lists is refused (422)", async () => {
    const user = (agency: string) => ({
      username: `agency-${agency.toLowerCase()}-${suffix.toLowerCase()}`,
      password: "a long enough passphrase for tests 42",
      role: "steward",
      agency,
    });
    const bad = await call("POST", "/users", admin, user("NOPE_NOPE"));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { invalid: { field: string }[] }).invalid[0]?.field).toBe(
      "agency",
    );
    const made = await call("POST", "/users", admin, user(AGENCY));
    expect(made.status).toBe(201);
    expect(((await made.json()) as { user: { agency: string } }).user.agency).toBe(AGENCY);
  });
});
