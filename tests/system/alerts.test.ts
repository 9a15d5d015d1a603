// Alerts end to end with real components: figures posted to the API turn an indicator red, two
// workers evaluate, and a real SMTP server and webhook receiver get the notices exactly once.
import { buildProgram } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlertStack, postFigure, startAlertStack } from "../alert-stack";
import { databaseUrls } from "../processes";

// Targets 2022: 90 from a 2017 baseline of 40. As of today (after 2022), 41 is red, 95 is green.
const program = buildProgram({ indicators: [{}, {}, {}, {}, {}] });
const [first, second, third, fourth, fifth] = program.indicators.map((i) => i.code) as [
  string,
  string,
  string,
  string,
  string,
];
let stack: AlertStack;

beforeAll(async () => {
  stack = await startAlertStack({
    databases: databaseUrls(),
    redisUrl: process.env.REDIS_URL ?? "",
    program,
    workers: 2,
    tag: "alerts",
    env: { NOTIFY_ATTEMPTS: "3", RECONCILE_EVERY_MS: "1000", RECONCILE_GRACE_MS: "500" },
  });
}, 120_000);
afterAll(() => stack?.stop());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.api}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.manager.token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function createRule(indicator: string, channels: string[], extra: object = {}) {
  const res = await call("POST", "/alert-rules", {
    program: program.code,
    name: `Red ${indicator}`,
    scope: { indicators: { indicator }, regions: "national" },
    condition: { kind: "status_is", levels: ["red"] },
    channels,
    recipients: { users: [stack.manager.username], webhooks: [stack.webhookUrl] },
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.rule.id as string;
}

const settle = () => new Promise((r) => setTimeout(r, 1500));
const about = (code: string) => (m: { raw: string }) => m.raw.includes(`/indicators/${code}`);

describe("alerts through the running API, two workers, SMTP and a webhook", () => {
  it("mails, posts and notifies in-app once on firing, and once more on resolving", async () => {
    await createRule(first, ["email", "webhook", "in_app"]);
    await postFigure(stack, { indicator: first, period: "2022", value: 41 });
    const [fired] = await stack.waitForMails(about(first));
    await settle();
    expect(stack.mails.filter(about(first))).toHaveLength(1);
    expect(fired?.to).toEqual([stack.manager.email]);
    expect(fired?.subject).toBe(`Alert: Indicator 0 (${first}) in Testland is red`);
    expect(fired?.raw).toContain(`http://dashboard.example.org/indicators/${first}`);
    expect(fired?.raw).toMatch(/Content-Type: text\/html/);

    const hooks = stack.hooks.filter(
      (h) => (h.body.alert as { indicator: { code: string } })?.indicator.code === first,
    );
    expect(hooks.map((h) => [h.body.type, h.validSignature])).toEqual([["alert.firing", true]]);
    const inApp = await stack.db
      .selectFrom("notifications")
      .select(["kind", "status"])
      .where("user_id", "=", stack.manager.id)
      .where("channel", "=", "in_app")
      .execute();
    expect(inApp).toEqual([{ kind: "firing", status: "unread" }]);

    const active = await call("GET", "/alerts");
    expect(
      active.body.alerts.map((a: { indicator: string; status: string }) => [a.indicator, a.status]),
    ).toEqual([[first, "firing"]]);

    await postFigure(stack, { indicator: first, period: "2022", value: 95 });
    const [, resolved] = await stack.waitForMails(about(first), 2);
    await settle();
    expect(stack.mails.filter(about(first))).toHaveLength(2);
    expect(resolved?.subject).toBe(`Resolved: Indicator 0 (${first}) in Testland is green again`);
    expect(
      stack.hooks
        .filter((h) => (h.body.alert as { indicator: { code: string } })?.indicator.code === first)
        .map((h) => h.body.type),
    ).toEqual(["alert.firing", "alert.resolved"]);
    const history = await call("GET", `/alerts/${active.body.alerts[0].id}`);
    expect(history.body.alert.events.map((e: { kind: string }) => e.kind)).toEqual([
      "resolved",
      "fired",
    ]);
  });

  it("delivers one e-mail in the end when the SMTP server refuses the first tries", async () => {
    await createRule(second, ["email"]);
    stack.refuseNextMails(2);
    await postFigure(stack, { indicator: second, period: "2022", value: 41 });
    await stack.waitForMails(about(second), 1, 60_000);
    await settle();
    expect(stack.mails.filter(about(second))).toHaveLength(1);
    const row = await stack.db
      .selectFrom("notifications")
      .select(["status", "attempts", "last_error"])
      .where("channel", "=", "email")
      .where("payload", "@>", JSON.stringify({ indicator: { code: second } }) as never)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 3, last_error: null });

    const alerts = await call("GET", "/alerts?state=firing");
    const alert = alerts.body.alerts.find((a: { indicator: string }) => a.indicator === second);
    expect((await call("POST", `/alerts/${alert.id}/ack`, { comment: "" })).status).toBe(400);
    const ack = await call("POST", `/alerts/${alert.id}/ack`, { comment: "Calling the region" });
    expect(ack.body.alert.acknowledged).toMatchObject({ comment: "Calling the region" });
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const silence = await call("POST", `/alerts/${alert.id}/silence`, { until, comment: "audit" });
    expect(silence.body.alert.silencedUntil).toBe(until);
  });

  it("marks a webhook failed after its last retry and shows it to managers", async () => {
    await createRule(third, ["webhook"]);
    stack.setHookStatus(500);
    await postFigure(stack, { indicator: third, period: "2022", value: 41 });
    let failed: { lastError: string; attempts: number; address: string }[] = [];
    for (let i = 0; i < 150 && failed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      failed = (await call("GET", "/deliveries?status=failed&channel=webhook")).body.deliveries;
    }
    stack.setHookStatus(200);
    expect(failed).toEqual([
      expect.objectContaining({
        address: stack.webhookUrl,
        attempts: 3,
        lastError: "the webhook answered 500",
      }),
    ]);
  });

  it("delivers a notice whose job Redis never got (written, then the worker died)", async () => {
    const sent = await stack.db
      .selectFrom("notifications")
      .select(["payload", "alert_id", "lang"])
      .where("channel", "=", "email")
      .where("status", "=", "sent")
      .executeTakeFirstOrThrow();
    const payload = { ...(sent.payload as Record<string, unknown>), kind: "repeat" };
    await stack.db
      .insertInto("notifications")
      .values({
        dedupe_key: `lost-job-${crypto.randomUUID()}`,
        kind: "repeat",
        channel: "email",
        alert_id: sent.alert_id,
        address: "lost@example.org",
        lang: sent.lang,
        payload: JSON.stringify(payload),
        status: "pending",
        created_at: new Date(Date.now() - 5000),
      })
      .execute();
    const [mail] = await stack.waitForMails((m) => m.to.includes("lost@example.org"), 1, 20_000);
    expect(mail?.subject).toMatch(/^Still firing: /);
  });

  it("sends one digest e-mail for the notices of one upload", async () => {
    const res = await call("POST", "/alert-rules", {
      program: program.code,
      name: "Implausibly low",
      scope: { indicators: "all", regions: "national" },
      condition: { kind: "value_below", value: 5 },
      channels: ["email"],
      recipients: { addresses: ["digest@example.org"] },
    });
    expect(res.status).toBe(201);
    const upload = await fetch(`${stack.api}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.steward}`, "content-type": "application/json" },
      body: JSON.stringify({
        observations: [
          { indicator: fourth, period: "2022", value: 1 },
          { indicator: fifth, period: "2022", value: 2 },
        ],
      }),
    });
    expect(upload.status).toBe(202);
    const [mail] = await stack.waitForMails((m) => m.to.includes("digest@example.org"));
    await settle();
    expect(stack.mails.filter((m) => m.to.includes("digest@example.org"))).toHaveLength(1);
    expect(mail?.subject).toBe("2 alert notices from the rule “Implausibly low”");
    expect(mail?.raw).toContain(`/indicators/${fourth}`);
    expect(mail?.raw).toContain(`/indicators/${fifth}`);
  });
});
