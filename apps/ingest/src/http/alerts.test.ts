import { listAudit } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

let app: TestApp;
let manager: string;
const program = buildProgram({ indicators: [{ disaggregation: "regional" }, {}] });
const [regional, national] = program.indicators.map((i) => i.code) as [string, string];

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  manager = await tokenFor(app.db, "manager");
});
afterAll(() => app?.close());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${manager}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const rule = {
  program: program.code,
  name: "Regional values low",
  scope: { indicators: "all", regions: "all" },
  condition: { kind: "value_below", value: 45 },
  channels: ["in_app", "webhook"],
  recipients: { roles: ["manager"], webhooks: ["https://hooks.example.org/spm"] },
};

describe("alert rules over HTTP", () => {
  it("creates, reads, edits and deletes a rule, each change audited", async () => {
    const created = await call("POST", "/alert-rules", rule);
    expect(created.status).toBe(201);
    expect(created.body.rule).toMatchObject({
      programCode: program.code,
      version: 1,
      rule: { name: "Regional values low", for: 1, sendResolved: true, locale: "en" },
    });
    const id = created.body.rule.id as string;
    const edited = await call("PATCH", `/alert-rules/${id}`, { for: 3, enabled: false });
    expect(edited.body.rule).toMatchObject({ version: 2, rule: { for: 3, enabled: false } });
    expect((await call("GET", `/alert-rules/${id}`)).body.rule.rule.condition).toEqual(
      rule.condition,
    );
    const listed = await call("GET", `/alert-rules?program=${program.code}`);
    expect(listed.body.rules.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call("DELETE", `/alert-rules/${id}`)).status).toBe(204);
    expect((await call("GET", `/alert-rules/${id}`)).status).toBe(404);
    const audit = await listAudit(app.db, { entityType: "alert_rule", entityId: id });
    expect(audit.map((a) => a.action)).toEqual([
      "alert_rule.delete",
      "alert_rule.update",
      "alert_rule.create",
    ]);
  });

  it.each([
    [
      "an unknown programme",
      { program: "NO-SUCH" },
      422,
      [{ field: "program", message: "no programme NO-SUCH" }],
    ],
    [
      "an indicator of another programme",
      { scope: { indicators: { indicator: "HQ_READINESS" }, regions: "national" } },
      422,
      [{ field: "scope.indicators.indicator", message: 'unknown indicator "HQ_READINESS"' }],
    ],
    [
      "a region of another programme",
      { scope: { indicators: "all", regions: { region: "KZ-ALA" } } },
      422,
      [{ field: "scope.regions.region", message: 'unknown region "KZ-ALA"' }],
    ],
    [
      "a user that does not exist",
      { recipients: { users: ["nobody-by-that-name"], webhooks: ["https://h.example.org/x"] } },
      422,
      [{ field: "recipients.users", message: 'no such user "nobody-by-that-name"' }],
    ],
    [
      "a webhook channel without URLs",
      { recipients: { roles: ["manager"] } },
      400,
      [{ field: "recipients", message: "the webhook channel needs recipients: webhooks" }],
    ],
    [
      "a level that does not exist",
      { condition: { kind: "status_is", levels: ["purple"] } },
      400,
      [expect.objectContaining({ field: "condition.levels.0" })],
    ],
  ])("refuses %s, naming the field", async (_label, patch, status, invalid) => {
    const res = await call("POST", "/alert-rules", { ...rule, ...patch });
    expect(res.status).toBe(status);
    expect(res.body.invalid).toEqual(invalid);
  });

  it("previews the places a rule watches, live from the stored figures", async () => {
    const res = await call("POST", "/alert-rules/preview", rule);
    expect(res.status).toBe(200);
    // The regional indicator at the nation and both regions, the national one at the nation.
    expect(res.body).toMatchObject({ watched: 4, holding: 0 });
    expect(
      res.body.rows.map((r: { indicator: string; region: string }) => `${r.indicator}|${r.region}`),
    ).toEqual([`${regional}|ZZ`, `${regional}|ZZ-N`, `${regional}|ZZ-S`, `${national}|ZZ`]);
  });
});

describe("alerts and inbox over HTTP", () => {
  it("answers 404 for an unknown alert and refuses a silence in the past", async () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect((await call("POST", `/alerts/${id}/ack`, { comment: "x" })).status).toBe(404);
    const past = await call("POST", `/alerts/${id}/silence`, { until: "2001-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.invalid[0].field).toBe("until");
  });

  it("gives an API token an empty inbox", async () => {
    expect((await call("GET", "/notifications")).body).toEqual({ notifications: [], unread: 0 });
    expect((await call("POST", "/notifications/read", { all: true })).body).toEqual({ marked: 0 });
  });
});
