import { type Db, listPrograms } from "@spm/db";
import { alertRuleFieldsSchema, alertRuleSchema, toIsoDate } from "@spm/kpi";
import {
  acknowledgeAlertById,
  countUnread,
  createAlertRule,
  deleteAlertRule,
  findAlertRule,
  getAlert,
  listAlertRules,
  listAlerts,
  listDeliveries,
  listInbox,
  markRead,
  previewAlertRule,
  ServiceError,
  showDelivery,
  silenceAlertById,
  updateAlertRule,
} from "@spm/services";
import { Router } from "express";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import { HttpProblem } from "./problem";
import { parseBody, parseQuery } from "./validate";

const idParam = z.object({ id: z.uuid("not a valid id") });
const programField = z.object({ program: z.string().min(1).max(100) });
export const listQuery = z.object({
  state: z.enum(["active", "firing", "pending", "resolved"]).optional(),
  program: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const ackBody = z.object({ comment: z.string().trim().min(1, "say why").max(2000) });
const MAX_SILENCE_DAYS = 366;
export const silenceBody = z.object({
  // null lifts the silence.
  until: z.iso.datetime({ offset: true }).nullable(),
  comment: z.string().trim().max(2000).optional(),
});
export const readBody = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(1000) }),
  z.object({ all: z.literal(true) }),
]);
export const inboxQuery = z.object({
  unread: z.enum(["0", "1", "true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const deliveriesQuery = z.object({
  channel: z.enum(["email", "webhook"]).optional(),
  status: z.enum(["pending", "sent", "outbox", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Maps the refusal of a rule (unknown indicator, region...) to a 422. */
async function ruleCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (
      error instanceof ServiceError &&
      (error.code === "invalid_rule" || error.code === "not_found")
    )
      throw new HttpProblem(422, "Unprocessable Content", error.message, {
        invalid: error.details.map((d) => ({ field: d.path, message: d.message })),
      });
    throw error;
  }
}

async function assertProgram(db: Db, code: string): Promise<void> {
  if (!(await listPrograms(db)).some((p) => p.code === code))
    throw new HttpProblem(422, "Unprocessable Content", `no programme ${code}`, {
      invalid: [{ field: "program", message: `no programme ${code}` }],
    });
}

/**
 * Alerts and rules (managers and admins), the caller's own in-app notifications (everyone
 * signed in), delivery status (managers) and the e-mail outbox (admins).
 */
export function alertsRouter(deps: { db: Db; now: () => Date }): Router {
  const router = Router();
  router.use(["/alerts", "/alert-rules", "/deliveries"], requireRole("manager"));
  router.use(["/notifications"], requireRole("viewer"));
  router.use(["/outbox"], requireRole("admin"));

  router.get("/alerts", async (req, res) => {
    const q = parseQuery(listQuery, req.query);
    res.json({
      alerts: await listAlerts(deps.db, { state: q.state, programCode: q.program, limit: q.limit }),
    });
  });
  router.get("/alerts/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const alert = await getAlert(deps.db, id);
    if (!alert) throw new HttpProblem(404, "Not Found", "no such alert");
    res.json({ alert });
  });
  router.post("/alerts/:id/ack", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const { comment } = parseBody(ackBody, req.body);
    const by = principalOf(req).name;
    const result = await deps.db
      .transaction()
      .execute((trx) =>
        acknowledgeAlertById(trx, id, { by, comment }, auditActor(req), deps.now()),
      );
    if (!result.ok && result.code === "not_found")
      throw new HttpProblem(404, "Not Found", "no such alert");
    if (!result.ok)
      throw new HttpProblem(409, "Conflict", "only a firing alert can be acknowledged", {
        code: result.code,
      });
    res.json({ alert: result.alert });
  });
  router.post("/alerts/:id/silence", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const body = parseBody(silenceBody, req.body);
    const now = deps.now();
    const until = body.until ? new Date(body.until) : null;
    if (until && (until <= now || until.getTime() - now.getTime() > MAX_SILENCE_DAYS * 86_400_000))
      throw new HttpProblem(400, "Bad Request", "invalid request body", {
        invalid: [{ field: "until", message: `a time in the next ${MAX_SILENCE_DAYS} days` }],
      });
    const by = principalOf(req).name;
    const result = await deps.db
      .transaction()
      .execute((trx) =>
        silenceAlertById(
          trx,
          id,
          { until, by, comment: body.comment ?? null },
          auditActor(req),
          now,
        ),
      );
    if (!result.ok) throw new HttpProblem(404, "Not Found", "no such alert");
    res.json({ alert: result.alert });
  });

  router.get("/alert-rules", async (req, res) => {
    const q = parseQuery(z.object({ program: z.string().max(100).optional() }), req.query);
    res.json({ rules: await listAlertRules(deps.db, { programCode: q.program }) });
  });
  router.post("/alert-rules/preview", async (req, res) => {
    const { program, ...fields } = parseBody(
      alertRuleFieldsSchema.partial().extend(programField.shape),
      req.body,
    );
    const rule = parseBody(alertRuleSchema, fields);
    await assertProgram(deps.db, program);
    const asOf = toIsoDate(deps.now());
    res.json(
      await ruleCall(() =>
        previewAlertRule(deps.db, program, rule, asOf, principalOf(req).confidential),
      ),
    );
  });
  router.post("/alert-rules", async (req, res) => {
    const { program, ...fields } = parseBody(
      alertRuleFieldsSchema.partial().extend(programField.shape),
      req.body,
    );
    const rule = parseBody(alertRuleSchema, fields);
    await assertProgram(deps.db, program);
    const stored = await ruleCall(() =>
      deps.db
        .transaction()
        .execute((trx) => createAlertRule(trx, { programCode: program, rule }, auditActor(req))),
    );
    res.status(201).json({ rule: stored });
  });
  router.get("/alert-rules/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const rule = await findAlertRule(deps.db, id);
    if (!rule) throw new HttpProblem(404, "Not Found", "no such rule");
    res.json({ rule });
  });
  router.patch("/alert-rules/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const parsed = parseBody(alertRuleFieldsSchema.partial(), req.body);
    // Zod fills defaults even into a partial schema: keep only the fields the caller sent.
    const sent = new Set(Object.keys(req.body ?? {}));
    const changes = Object.fromEntries(Object.entries(parsed).filter(([k]) => sent.has(k)));
    const before = await findAlertRule(deps.db, id);
    if (!before) throw new HttpProblem(404, "Not Found", "no such rule");
    const rule = parseBody(alertRuleSchema, { ...before.rule, ...changes });
    const stored = await ruleCall(() =>
      deps.db
        .transaction()
        .execute((trx) => updateAlertRule(trx, id, rule, auditActor(req), deps.now())),
    );
    if (!stored) throw new HttpProblem(404, "Not Found", "no such rule");
    res.json({ rule: stored });
  });
  router.delete("/alert-rules/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const deleted = await deps.db
      .transaction()
      .execute((trx) => deleteAlertRule(trx, id, auditActor(req), deps.now()));
    if (!deleted) throw new HttpProblem(404, "Not Found", "no such rule");
    res.status(204).end();
  });

  // API tokens have no inbox: they see an empty one rather than an error.
  router.get("/notifications", async (req, res) => {
    const q = parseQuery(inboxQuery, req.query);
    const p = principalOf(req);
    if (p.kind !== "user") return void res.json({ notifications: [], unread: 0 });
    const unreadOnly = q.unread === "1" || q.unread === "true";
    const [notifications, unread] = await Promise.all([
      listInbox(deps.db, p.id, { unreadOnly, limit: q.limit }),
      countUnread(deps.db, p.id),
    ]);
    res.json({
      notifications: notifications.map((n) => ({
        id: n.id,
        kind: n.kind,
        status: n.status,
        createdAt: n.created_at,
        readAt: n.read_at,
        payload: n.payload,
      })),
      unread,
    });
  });
  router.get("/notifications/unread-count", async (req, res) => {
    const p = principalOf(req);
    res.json({ unread: p.kind === "user" ? await countUnread(deps.db, p.id) : 0 });
  });
  router.post("/notifications/read", async (req, res) => {
    const body = parseBody(readBody, req.body);
    const p = principalOf(req);
    const marked =
      p.kind === "user"
        ? await markRead(deps.db, p.id, "all" in body ? "all" : body.ids, deps.now())
        : 0;
    res.json({ marked });
  });

  router.get("/deliveries", async (req, res) => {
    const q = parseQuery(deliveriesQuery, req.query);
    const rows = await listDeliveries(deps.db, q);
    // Managers see where and how each notice went, not the bodies (the outbox is for admins).
    res.json({
      deliveries: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        channel: n.channel,
        alertId: n.alert_id,
        address: n.address,
        status: n.status,
        attempts: n.attempts,
        lastError: n.last_error,
        createdAt: n.created_at,
        sentAt: n.sent_at,
      })),
    });
  });
  router.get("/outbox", async (req, res) => {
    const q = parseQuery(deliveriesQuery.omit({ channel: true }), req.query);
    const may = principalOf(req).confidential;
    const rows = (await listDeliveries(deps.db, { ...q, channel: "email" })).map((n) =>
      showDelivery(n, may),
    );
    res.json({
      emails: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        to: n.address,
        lang: n.lang,
        status: n.status,
        attempts: n.attempts,
        lastError: n.last_error,
        createdAt: n.created_at,
        sentAt: n.sent_at,
        message: n.message,
        withheld: n.withheld,
      })),
    });
  });
  return router;
}
