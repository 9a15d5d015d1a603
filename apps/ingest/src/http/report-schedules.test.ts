import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

let app: TestApp;
let manager: string;
const program = buildProgram();
const NOW = new Date("2026-02-10T12:00:00Z");

beforeAll(async () => {
  app = await startTestApp({ now: () => NOW });
  await importProgram(app.db, program, "test");
  manager = await tokenFor(app.db, "manager");
});
afterAll(() => app.close());

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${manager}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("report schedules", () => {
  it("are created from the next quarter, listed, deleted, and every change is audited", async () => {
    const body = {
      program: program.code,
      frequency: "quarterly",
      recipients: ["Board@Example.org", "board@example.org", "chief@example.org"],
      lang: "kk",
    };
    const created = await call("POST", "/report-schedules", body);
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as {
      id: string;
      nextRunAt: string;
      recipients: string[];
    };
    expect(schedule.nextRunAt).toBe("2026-04-01T06:00:00.000Z");
    expect(schedule.recipients).toEqual(["board@example.org", "chief@example.org"]);
    const list = (await (await call("GET", "/report-schedules")).json()) as {
      schedules: { id: string }[];
    };
    expect(list.schedules.map((s) => s.id)).toContain(schedule.id);
    expect((await call("DELETE", `/report-schedules/${schedule.id}`)).status).toBe(204);
    expect((await call("DELETE", `/report-schedules/${schedule.id}`)).status).toBe(404);
    const audit = await app.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", schedule.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "report_schedule.create",
      "report_schedule.delete",
    ]);
  });

  it("refuse bad input naming the field, and change nothing", async () => {
    const mine = () =>
      app.db
        .selectFrom("report_schedules")
        .select("id")
        .where("program_code", "=", program.code)
        .execute();
    const before = await mine();
    const bad = await call("POST", "/report-schedules", {
      program: program.code,
      frequency: "weekly",
      recipients: ["not an address"],
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { invalid: { field: string }[] }).invalid.map(
      (i) => i.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["frequency", "recipients.0"]));
    const place = await call("POST", "/report-schedules", {
      program: program.code,
      frequency: "monthly",
      recipients: ["a@example.org"],
      region: "ZZ-X",
    });
    expect(place.status).toBe(422);
    expect(((await place.json()) as { invalid: { field: string }[] }).invalid[0]?.field).toBe(
      "region",
    );
    const unknown = await call("POST", "/report-schedules", {
      program: "NO-SUCH",
      frequency: "monthly",
      recipients: ["a@example.org"],
    });
    expect(unknown.status).toBe(422);
    expect(await mine()).toHaveLength(before.length);
  });
});
