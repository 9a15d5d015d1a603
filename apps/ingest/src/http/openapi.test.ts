import { randomBytes } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildProgram, createTestUser } from "@spm/db/test/factories";
import { CURRENT_LEVELS } from "@spm/kpi";
import { evaluateAlerts, importProgram, parseSecretsKey, refreshStatuses } from "@spm/services";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";
import {
  answered,
  bindContract,
  bites,
  call,
  type Doc,
  type Operation,
} from "../test/openapi-contract";
import {
  answerDefinitionRoutes,
  answerReportRoutes,
  answerSourceRoutes,
} from "../test/openapi-routes-more";
import { answerQualityRoutes } from "../test/openapi-routes-quality";
import { API_ROUTES } from "./openapi/routes";

// The OpenAPI document as served, checked as OpenAPI 3.1, and real answers of the running API
// checked against the schemas it documents (2020-12, as OpenAPI 3.1 reads them).

const program = buildProgram({
  indicators: [
    { history: [{ period: "2019", value: 12, source: "test" }] },
    { history: [{ period: "2020", value: 3, source: "test" }] },
  ],
});
const code = program.indicators[0]?.code ?? "";
let app: TestApp;
let doc: Doc;
let auth: Record<"viewer" | "steward" | "manager" | "admin", Record<string, string>>;
let session: Record<string, string>;
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
bindContract({ url: () => app.url, doc: () => doc, ajv });

beforeAll(async () => {
  // Sources reach the fake DHIS2 on loopback, as in their own tests.
  const key = parseSecretsKey(randomBytes(32).toString("hex"));
  app = await startTestApp({ sources: { key, allowPrivate: true, timeoutMs: 5000 } });
  await importProgram(app.db, program, "test");
  const bearer = async (role: "viewer" | "steward" | "manager" | "admin") => ({
    authorization: `Bearer ${await tokenFor(app.db, role)}`,
  });
  auth = {
    viewer: await bearer("viewer"),
    steward: await bearer("steward"),
    manager: await bearer("manager"),
    admin: await bearer("admin"),
  };
  const user = await createTestUser(app.db, { role: "manager" });
  const login = await call("POST", "/api/v1/auth/login", "/api/v1/auth/login", {
    body: { username: user.username, password: user.password },
  });
  session = {
    cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    origin: app.url,
  };
});
afterAll(() => app?.close());

describe("GET /api/v1/openapi.json", () => {
  beforeAll(async () => {
    const res = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });

  it("answers without credentials, and even with a bad token, a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    expect(await validator.validate(doc as never)).toEqual({ valid: true });
    expect(validator.version).toBe("3.1");
    const stale = await fetch(`${app.url}/api/v1/openapi.json`, {
      headers: { authorization: "Bearer spm_not_a_token" },
    });
    expect(stale.status).toBe(200);
  });

  it("has response schemas that Ajv compiles in strict mode, every one", () => {
    let compiled = 0;
    for (const byMethod of Object.values(doc.paths))
      for (const op of Object.values(byMethod))
        for (const answer of Object.values(op.responses)) {
          const schema = answer.content?.["application/json"]?.schema;
          if (schema && !("$ref" in schema)) compiled += ajv.compile(schema) ? 1 : 0;
        }
    // And the request bodies (as the routers' zod schemas read them).
    for (const byMethod of Object.values(doc.paths))
      for (const op of Object.values(byMethod) as Operation[])
        for (const media of Object.values(op.requestBody?.content ?? {}))
          if (media.schema) compiled += ajv.compile(media.schema) ? 1 : 0;
    expect(compiled).toBeGreaterThan(45);
  });

  it("names the lowest role of each operation and answers errors as problem+json", () => {
    const users = doc.paths["/api/v1/users/{id}"]?.patch as unknown as Record<string, unknown>;
    expect(users["x-min-role"]).toBe("admin");
    expect(Object.keys(users.responses as object)).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404"]),
    );
  });
});

describe("real answers match the documented schemas", () => {
  it("indicators: the list, one with its status, its observations", async () => {
    const list = await call("GET", "/api/v1/indicators", "/api/v1/indicators?lang=ru", {
      headers: auth.viewer,
    });
    // The schema bites: an indicator without its status does not pass.
    const body = await bites(list, "GET", "/api/v1/indicators", "indicators", "status");
    expect(body.indicators?.map((i) => i.code)).toContain(code);
    await call("GET", "/api/v1/indicators/:code", `/api/v1/indicators/${code}`, {
      headers: auth.viewer,
    });
    const obs = await call(
      "GET",
      "/api/v1/indicators/:code/observations",
      `/api/v1/indicators/${code}/observations`,
      { headers: auth.viewer },
    );
    expect(((await obs.json()) as { observations: unknown[] }).observations.length).toBe(1);
  });

  it("programmes, the caller (user and token), notifications", async () => {
    await call("GET", "/api/v1/programs", "/api/v1/programs", { headers: auth.viewer });
    await call("GET", "/api/v1/auth/me", "/api/v1/auth/me", { headers: auth.viewer });
    await call("GET", "/api/v1/auth/me", "/api/v1/auth/me", { headers: session });
    await call("GET", "/api/v1/notifications", "/api/v1/notifications", { headers: session });
    await call("GET", "/api/v1/notifications/unread-count", "/api/v1/notifications/unread-count", {
      headers: session,
    });
    await call("POST", "/api/v1/notifications/read", "/api/v1/notifications/read", {
      headers: session,
      body: { all: true },
    });
  });

  it("a batch of figures sent, its report, the list of uploads", async () => {
    const sent = await call("POST", "/api/v1/observations", "/api/v1/observations", {
      headers: auth.steward,
      body: { observations: [{ indicator: code, period: "2021", value: 5, source: "test" }] },
    });
    const { uploadId } = (await sent.json()) as { uploadId: string };
    await call("GET", "/api/v1/uploads/:id", `/api/v1/uploads/${uploadId}`, {
      headers: auth.steward,
    });
    await call("GET", "/api/v1/uploads", "/api/v1/uploads", { headers: auth.steward });
  });

  it("an alert fired by a rule, shown, acknowledged, silenced; its notification and e-mail", async () => {
    await call("POST", "/api/v1/alert-rules", "/api/v1/alert-rules", {
      headers: auth.manager,
      body: {
        program: program.code,
        name: "Low values",
        // Whatever the figures say, every status fires it.
        scope: { indicators: "all", regions: "national" },
        condition: { kind: "status_is", levels: CURRENT_LEVELS },
        channels: ["in_app", "email"],
        recipients: { roles: ["manager"], addresses: ["duty@example.org"] },
      },
    });
    const codes = program.indicators.map((i) => i.code);
    // Statuses and an evaluation, until the rule's alert is listed (a worker of another suite
    // may be evaluating the same rule at the same moment).
    let first: { id: string } | undefined;
    for (let i = 0; i < 20 && !first; i++) {
      await refreshStatuses(app.db, { asOf: new Date().toISOString().slice(0, 10), codes });
      await evaluateAlerts(app.db, { now: new Date(), codes });
      const listed = await call("GET", "/api/v1/alerts", `/api/v1/alerts?program=${program.code}`, {
        headers: auth.manager,
      });
      [first] = ((await listed.json()) as { alerts: { id: string }[] }).alerts;
      if (!first) await new Promise((r) => setTimeout(r, 250));
    }
    if (!first) throw new Error("the rule fired no alert");
    await call("GET", "/api/v1/alerts/:id", `/api/v1/alerts/${first.id}`, {
      headers: auth.manager,
    });
    await call("POST", "/api/v1/alerts/:id/ack", `/api/v1/alerts/${first.id}/ack`, {
      headers: auth.manager,
      body: { comment: "seen" },
    });
    await call("POST", "/api/v1/alerts/:id/silence", `/api/v1/alerts/${first.id}/silence`, {
      headers: auth.manager,
      body: { until: new Date(Date.now() + 3_600_000).toISOString(), comment: "night" },
    });
    const inbox = await call("GET", "/api/v1/notifications", "/api/v1/notifications", {
      headers: session,
    });
    const { notifications } = (await inbox.json()) as { notifications: unknown[] };
    expect(notifications.length).toBeGreaterThan(0);
  });

  it("alerts, rules, deliveries, outbox, users, tokens, audit, health", async () => {
    await call("GET", "/api/v1/alerts", "/api/v1/alerts", { headers: auth.manager });
    const rules = await call("GET", "/api/v1/alert-rules", "/api/v1/alert-rules", {
      headers: auth.manager,
    });
    await bites(rules.clone(), "GET", "/api/v1/alert-rules", "rules", "programCode");
    await bites(rules, "GET", "/api/v1/alert-rules", "rules", "rule");
    const sent = await call("GET", "/api/v1/deliveries", "/api/v1/deliveries", {
      headers: auth.manager,
    });
    await bites(sent, "GET", "/api/v1/deliveries", "deliveries", "channel");
    const emails = await call("GET", "/api/v1/outbox", "/api/v1/outbox", { headers: auth.admin });
    await bites(emails, "GET", "/api/v1/outbox", "emails", "withheld");
    await call("GET", "/api/v1/users", "/api/v1/users", { headers: auth.admin });
    const created = await call("POST", "/api/v1/tokens", "/api/v1/tokens", {
      headers: auth.admin,
      body: { name: "ministry feed", role: "steward" },
    });
    const { info } = (await created.json()) as { info: { id: string } };
    await call("GET", "/api/v1/tokens", "/api/v1/tokens", { headers: auth.admin });
    await call("PATCH", "/api/v1/tokens/:id", `/api/v1/tokens/${info.id}`, {
      headers: auth.admin,
      body: { confidential: false },
    });
    await call("DELETE", "/api/v1/tokens/:id", `/api/v1/tokens/${info.id}`, {
      headers: auth.admin,
    });
    await call("GET", "/api/v1/audit", "/api/v1/audit", { headers: auth.admin });
    await call("GET", "/healthz", "/healthz");
    await call("GET", "/readyz", "/readyz");
    await call("GET", "/metrics", "/metrics");
    await call("GET", "/api/v1/openapi.json", "/api/v1/openapi.json");
    await call("GET", "/admin/queues", "/admin/queues", { headers: auth.admin });
  });

  it("a rule edited, previewed and deleted; a user created and changed", async () => {
    const body = {
      program: program.code,
      name: "Contract rule",
      scope: { indicators: "all", regions: "national" },
      condition: { kind: "value_below", value: 5 },
      channels: ["in_app"],
      recipients: { roles: ["manager"] },
    };
    await call("POST", "/api/v1/alert-rules/preview", "/api/v1/alert-rules/preview", {
      headers: auth.manager,
      body,
    });
    const created = await call("POST", "/api/v1/alert-rules", "/api/v1/alert-rules", {
      headers: auth.manager,
      body,
    });
    const { rule } = (await created.json()) as { rule: { id: string } };
    const path = `/api/v1/alert-rules/${rule.id}`;
    await call("GET", "/api/v1/alert-rules/:id", path, { headers: auth.manager });
    await call("PATCH", "/api/v1/alert-rules/:id", path, {
      headers: auth.manager,
      body: { name: "Contract rule, renamed" },
    });
    await call("DELETE", "/api/v1/alert-rules/:id", path, { headers: auth.manager });
    const user = await call("POST", "/api/v1/users", "/api/v1/users", {
      headers: auth.admin,
      body: {
        username: `contract-${Date.now()}`,
        password: "Steppe-Falcon-Orbit-2031",
        role: "viewer",
      },
    });
    const { user: made } = (await user.json()) as { user: { id: string } };
    await call("PATCH", "/api/v1/users/:id", `/api/v1/users/${made.id}`, {
      headers: auth.admin,
      body: { displayName: "Контракт" },
    });
  });

  it("files in and out: an upload, its rejected rows, a retry, a template, an export, a definition", async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([`indicator,period,value\n${code},2021,7\nNOPE,2021,1\n`]),
      "f.csv",
    );
    const sent = await call("POST", "/api/v1/uploads", "/api/v1/uploads?dryRun=true", {
      headers: auth.steward,
      raw: { body: form },
    });
    const { uploadId } = (await sent.json()) as { uploadId: string };
    await call(
      "GET",
      "/api/v1/uploads/:id/rejected.csv",
      `/api/v1/uploads/${uploadId}/rejected.csv`,
      {
        headers: auth.steward,
      },
    );
    // The harness runs no worker: the upload is made failed as a crashed worker leaves it.
    await app.db
      .updateTable("uploads")
      .set({ status: "failed" })
      .where("id", "=", uploadId)
      .execute();
    await call("POST", "/api/v1/uploads/:id/retry", `/api/v1/uploads/${uploadId}/retry`, {
      headers: auth.steward,
    });
    await call(
      "GET",
      "/api/v1/programs/:code/template.:ext",
      `/api/v1/programs/${program.code}/template.csv`,
      { headers: auth.viewer },
    );
    await call("GET", "/api/v1/export", `/api/v1/export?program=${program.code}&format=csv`, {
      headers: auth.viewer,
    });
    await call("PUT", "/api/v1/programs/:code", `/api/v1/programs/${program.code}`, {
      headers: auth.admin,
      raw: { body: JSON.stringify(program), type: "application/json" },
    });
  });

  it("errors: bad input and an unknown thing are problem+json of the documented shape", async () => {
    const problem = ajv.compile(doc.components.schemas.Problem ?? {});
    for (const [path, status] of [
      ["/api/v1/indicators?asOf=someday", 400],
      ["/api/v1/indicators/NOPE", 404],
      ["/api/v1/alerts/not-an-id", 400],
    ] as const) {
      const res = await fetch(app.url + path, { headers: auth.manager });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const body = await res.json();
      expect(problem(body), JSON.stringify(problem.errors)).toBe(true);
    }
  });

  it("a definition edited and previewed, its history, narratives; a source pulled from a fake DHIS2; report schedules", async () => {
    await answerDefinitionRoutes(auth, program);
    await answerSourceRoutes(auth, program);
    await answerQualityRoutes(auth, program, app.db);
    await answerReportRoutes(
      auth,
      program,
      app.url,
      ajv.compile(doc.components.schemas.Problem ?? {}),
    );
  });

  it("signs out, and has answered every route of the table, each checked against the document", async () => {
    await call("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", { headers: session });
    const left = API_ROUTES.map((r) => `${r.method} ${r.path}`).filter((r) => !answered.has(r));
    expect(left).toEqual([]);
  });
});
