import {
  applyObservations,
  listStoredFigures,
  loadProgramDefinitions,
  upsertStatusSnapshots,
} from "@spm/db";
import {
  buildProgram,
  createTestDb,
  createTestUser,
  createUploadRow,
} from "@spm/db/test/factories";
import type { AlertRule, AlertRuleInput } from "@spm/kpi";
import { alertRuleSchema, evaluateIndicator, placesOf, programAlertRuleSchema } from "@spm/kpi";
import { afterAll, describe, expect, it } from "vitest";
import { importProgram } from "../programs/run";
import {
  createAlertRule,
  deleteAlertRule,
  listAlertRules,
  previewAlertRule,
  updateAlertRule,
} from "../rules/run";
import { acknowledgeAlertById, silenceAlertById } from "./actions";
import { evaluateAlerts } from "./evaluate";
import {
  countUnread,
  deliverNotification,
  listInbox,
  markRead,
  planReminders,
} from "./notifications";
import { getAlert } from "./reads";

const db = createTestDb();
afterAll(() => db.destroy());

const AS_OF = "2019-06-01";
const at = (minutes: number) => new Date(Date.parse("2019-06-01T08:00:00Z") + minutes * 60_000);

async function setFigure(code: string, value: number, region = "ZZ"): Promise<void> {
  const upload = await createUploadRow(db);
  await db.transaction().execute((trx) =>
    applyObservations(trx, [{ indicator: code, region, period: "2018", year: 2018, value }], {
      uploadId: upload.id,
      uploadSeq: upload.seq,
      author: "test",
    }),
  );
  await storeStatuses(code);
}

/** Writes the read model's rows of one indicator (what the status service does in the worker). */
async function storeStatuses(code: string): Promise<void> {
  const programs = await loadProgramDefinitions(db);
  const program = programs.find((p) => p.indicators.some((i) => i.code === code));
  const indicator = program?.indicators.find((i) => i.code === code);
  if (!program || !indicator) throw new Error(`no indicator ${code}`);
  const figures = (await listStoredFigures(db, { indicators: [code] })).get(code) ?? [];
  const rows = placesOf(program, indicator).map((region) => {
    const e = evaluateIndicator({ program, indicator, figures, region, asOf: AS_OF });
    return {
      indicator_code: code,
      region_code: region,
      as_of: AS_OF,
      current_level: e.status.current.level,
      trajectory_level: e.status.trajectory.level,
      status: e.status,
      evaluation: e,
      data_version: "0",
    };
  });
  await upsertStatusSnapshots(db, code, rows);
}

async function setUp(rule: Partial<AlertRuleInput> = {}, indicators = [{}, {}]) {
  const program = buildProgram({ indicators });
  await importProgram(db, program, "test");
  const manager = await createTestUser(db, { role: "manager", email: "boss@example.org" });
  const codes = program.indicators.map((i) => i.code);
  const parsed: AlertRule = alertRuleSchema.parse({
    name: "Red nationally",
    scope: { indicators: "all", regions: "national" },
    condition: { kind: "status_is", levels: ["red"] },
    channels: ["email", "in_app"],
    recipients: { users: [manager.username] },
    ...rule,
  });
  const stored = await db
    .transaction()
    .execute((trx) => createAlertRule(trx, { programCode: program.code, rule: parsed }, "test"));
  return { program, codes, manager, stored };
}

function alertIdOf(row: { payload: unknown } | undefined): string {
  if (!row) throw new Error("no notification");
  return (row.payload as { alertId: string }).alertId;
}

const evaluate = (codes: string[], minutes: number) =>
  evaluateAlerts(db, { now: at(minutes), codes });

describe("evaluateAlerts", () => {
  it("goes pending, fires once after `for` evaluations, and sends one resolved notice", async () => {
    const { codes, manager } = await setUp({ for: 2 });
    const [red] = codes as [string];
    await setFigure(red, 41); // 10% of the way to 50: red
    const first = await evaluate([red], 0);
    expect(first).toMatchObject({ evaluated: 1, transitions: 1, notifications: 0 });
    const second = await evaluate([red], 1);
    expect(second).toMatchObject({ transitions: 1, notifications: 2 });
    expect(second.deliveries.map((d) => d.channel)).toEqual(["email"]);
    expect(await evaluate([red], 2)).toMatchObject({ transitions: 0, notifications: 0 });
    expect(await countUnread(db, manager.id)).toBe(1);

    await setFigure(red, 50); // target met: green
    const resolved = await evaluate([red], 3);
    expect(resolved).toMatchObject({ transitions: 1, notifications: 2 });
    const inbox = await listInbox(db, manager.id);
    expect(inbox.map((n) => n.kind)).toEqual(["resolved", "firing"]);
    expect(inbox[1]?.payload).toMatchObject({
      type: "alert",
      kind: "firing",
      indicator: { code: red },
      place: { code: "ZZ", national: true },
      level: "red",
      // Pending at the first evaluation (already red), fired at the second.
      previousLevel: "red",
      value: 41,
      year: 2018,
      target: 50,
      path: `/indicators/${red}`,
    });
    const alertId = alertIdOf(inbox[0]);
    const alert = await getAlert(db, alertId);
    expect(alert?.status).toBe("normal");
    expect(alert?.events.map((e) => e.kind)).toEqual(["resolved", "fired", "pending"]);
    expect(alert?.notifications.filter((n) => n.channel === "email").map((n) => n.kind)).toEqual([
      "resolved",
      "firing",
    ]);
    expect(await markRead(db, manager.id, "all", at(4))).toBe(2);
    expect(await countUnread(db, manager.id)).toBe(0);
  });

  it("writes each notice once when two workers evaluate the same change at once", async () => {
    const { codes } = await setUp();
    const [code] = codes as [string];
    await setFigure(code, 41);
    const results = await Promise.all([
      evaluate([code], 0),
      evaluate([code], 0),
      evaluate([code], 0),
    ]);
    expect(results.map((r) => r.notifications).reduce((a, b) => a + b)).toBe(2);
    expect(results.flatMap((r) => r.deliveries)).toHaveLength(1);
  });

  it("sends one digest e-mail when one evaluation owes several notices", async () => {
    const { codes, manager } = await setUp();
    const [a, b] = codes as [string, string];
    await setFigure(a, 41);
    await setFigure(b, 42);
    const result = await evaluate(codes, 0);
    // Two alerts fire: two in-app notices, one e-mail that lists both.
    expect(result).toMatchObject({ transitions: 2, notifications: 3 });
    const [delivery] = result.deliveries;
    const row = await db
      .selectFrom("notifications")
      .select(["kind", "alert_id", "address", "payload"])
      .where("id", "=", delivery?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "digest", alert_id: null, address: "boss@example.org" });
    const items = (row.payload as { items: { indicator: { code: string }; alertId: string }[] })
      .items;
    expect(items.map((i) => i.indicator.code).sort()).toEqual([a, b].sort());
    expect(await countUnread(db, manager.id)).toBe(2);
    // Each alert's page lists the digest among its notices.
    const alert = await getAlert(db, items[0]?.alertId ?? "");
    expect(alert?.notifications.map((n) => [n.kind, n.channel]).sort()).toEqual([
      ["digest", "email"],
      ["firing", "in_app"],
    ]);
  });

  it("watches only what the scope names: value lines on every region of one indicator", async () => {
    const { codes, manager } = await setUp(
      {
        scope: { indicators: "all", regions: "all" },
        condition: { kind: "value_below", value: 45 },
        channels: ["in_app"],
      },
      [{ disaggregation: "regional" }],
    );
    const [code] = codes as [string];
    await setFigure(code, 60, "ZZ");
    await setFigure(code, 30, "ZZ-N");
    await setFigure(code, 44.9, "ZZ-S");
    const result = await evaluate([code], 0);
    expect(result).toMatchObject({ evaluated: 3, notifications: 2 });
    const places = (await listInbox(db, manager.id)).map(
      (n) => (n.payload as { place: { code: string } }).place.code,
    );
    expect(places.sort()).toEqual(["ZZ-N", "ZZ-S"]);
  });

  it("repeats no sooner than the interval, not at all once acknowledged, and not while silenced", async () => {
    const { codes, manager } = await setUp({ repeatIntervalMinutes: 60, channels: ["in_app"] });
    const [code] = codes as [string];
    await setFigure(code, 41);
    await evaluate([code], 0);
    expect(await evaluate([code], 59)).toMatchObject({ notifications: 0 });
    expect(await evaluate([code], 60)).toMatchObject({ notifications: 1 });
    const alertId = alertIdOf((await listInbox(db, manager.id))[0]);

    const silenced = await db
      .transaction()
      .execute((trx) =>
        silenceAlertById(
          trx,
          alertId,
          { until: at(200), by: "boss", comment: "known" },
          "test",
          at(61),
        ),
      );
    expect(silenced.ok).toBe(true);
    expect(await evaluate([code], 130)).toMatchObject({ notifications: 0 });
    expect(await evaluate([code], 200)).toMatchObject({ notifications: 1 });

    const ack = await db
      .transaction()
      .execute((trx) =>
        acknowledgeAlertById(trx, alertId, { by: "boss", comment: "on it" }, "test", at(201)),
      );
    expect(ack).toMatchObject({
      ok: true,
      alert: { acknowledged: { by: "boss", comment: "on it" } },
    });
    expect(await evaluate([code], 500)).toMatchObject({ notifications: 0 });
    const alert = await getAlert(db, alertId);
    expect(alert?.events.slice(0, 2).map((e) => [e.kind, e.comment, e.until])).toEqual([
      ["acknowledged", "on it", null],
      ["silenced", "known", at(200)],
    ]);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", alertId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["alert.silence", "alert.acknowledge"]);
  });

  it("refuses to acknowledge an alert that does not fire", async () => {
    const { codes } = await setUp({ for: 3 });
    const [code] = codes as [string];
    await setFigure(code, 41);
    await evaluate([code], 0);
    const alert = await db
      .selectFrom("alerts")
      .select("id")
      .where("indicator_code", "=", code)
      .executeTakeFirstOrThrow();
    const result = await db
      .transaction()
      .execute((trx) =>
        acknowledgeAlertById(trx, alert.id, { by: "b", comment: "c" }, "test", at(1)),
      );
    expect(result).toEqual({ ok: false, code: "alert_not_firing" });
  });

  it("keeps the state of alerts an edit still matches and retires the others", async () => {
    const { codes, stored } = await setUp({ channels: ["in_app"] });
    const [a, b] = codes as [string, string];
    await setFigure(a, 41);
    await setFigure(b, 41);
    expect(await evaluate(codes, 0)).toMatchObject({ notifications: 2 });
    const narrowed = {
      ...stored.rule,
      scope: { indicators: { indicator: a }, regions: "national" as const },
    };
    await db
      .transaction()
      .execute((trx) => updateAlertRule(trx, stored.id, narrowed, "test", at(1)));
    // Still firing for `a` (no second notice); `b` is out of scope and retired.
    expect(await evaluate(codes, 2)).toMatchObject({ evaluated: 1, notifications: 0 });
    const states = await db
      .selectFrom("alerts")
      .select(["indicator_code", "status", "retired_at"])
      .where("rule_id", "=", stored.id)
      .orderBy("indicator_code")
      .execute();
    expect(states.map((s) => [s.indicator_code, s.status, s.retired_at !== null])).toEqual([
      [a, "firing", false],
      [b, "normal", true],
    ]);
    await db.transaction().execute((trx) => deleteAlertRule(trx, stored.id, "test", at(3)));
    expect((await listAlertRules(db, { programCode: stored.programCode })).length).toBe(0);
    expect(await evaluate(codes, 4)).toMatchObject({ rules: 0 });
  });

  it("previews which alerts a rule would watch and which hold now", async () => {
    const { program, codes, stored } = await setUp();
    const [a, b] = codes as [string, string];
    await setFigure(a, 41);
    await setFigure(b, 50);
    const preview = await previewAlertRule(db, program.code, stored.rule, AS_OF);
    expect(preview).toMatchObject({ watched: 2, holding: 1 });
    expect(preview.rows.map((r) => [r.indicator, r.holds])).toEqual([
      [a, true],
      [b, false],
    ]);
    await expect(
      previewAlertRule(
        db,
        program.code,
        {
          ...stored.rule,
          scope: { indicators: { indicator: "NOPE" }, regions: "all" },
        },
        AS_OF,
      ),
    ).rejects.toThrow(/unknown indicator "NOPE"/);
  });
});

describe("deliverNotification", () => {
  it("sends a row once however many workers try, and keeps failures for the retry", async () => {
    const { codes } = await setUp({ channels: ["email"] });
    const [code] = codes as [string];
    await setFigure(code, 41);
    const [delivery] = (await evaluate([code], 0)).deliveries;
    if (!delivery) throw new Error("no delivery");
    await expect(
      deliverNotification(
        db,
        delivery.id,
        async () => {
          throw new Error("421 try later");
        },
        () => at(1),
      ),
    ).rejects.toThrow("421");
    let sends = 0;
    const send = async () => {
      sends += 1;
      await new Promise((r) => setTimeout(r, 50));
      return { status: "sent" as const, message: { subject: "s" } };
    };
    const outcomes = await Promise.all([
      deliverNotification(db, delivery.id, send, () => at(2)),
      deliverNotification(db, delivery.id, send, () => at(2)),
    ]);
    expect(outcomes.sort()).toEqual(["already_done", "sent"]);
    expect(sends).toBe(1);
    const row = await db
      .selectFrom("notifications")
      .select(["status", "attempts", "last_error"])
      .where("id", "=", delivery.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 2, last_error: null });
  });
});

describe("shipped rules", () => {
  it("are created once at import and never overwrite a manager's edit", async () => {
    const base = buildProgram();
    const shipped = {
      key: "default",
      name: "Shipped",
      scope: { indicators: "all", regions: "national" },
      condition: { kind: "overdue" },
      channels: ["in_app"],
      recipients: { roles: ["manager"] },
    };
    const program = {
      ...base,
      alertRules: [programAlertRuleSchema.parse(shipped)],
    };
    await importProgram(db, program, "test");
    const [rule] = await listAlertRules(db, { programCode: program.code });
    expect(rule).toMatchObject({ key: "default", rule: { name: "Shipped" } });
    if (!rule) return;
    await db
      .transaction()
      .execute((trx) =>
        updateAlertRule(trx, rule.id, { ...rule.rule, name: "Edited" }, "test", new Date()),
      );
    await importProgram(db, { ...program, name: { ...program.name, en: "Renamed" } }, "test");
    const after = await listAlertRules(db, { programCode: program.code });
    expect(after.map((r) => r.rule.name)).toEqual(["Edited"]);
  });
});

describe("planReminders", () => {
  it("writes one reminder per due date and steward, for the figures they may report", async () => {
    const program = buildProgram({
      indicators: [{ disaggregation: "regional" }, { frequency: "yearly" }],
    });
    await importProgram(db, program, "test");
    const [regional, national] = program.indicators.map((i) => i.code) as [string, string];
    const everywhere = await createTestUser(db, { role: "steward", email: "all@example.org" });
    const north = await createTestUser(db, {
      role: "steward",
      email: "north@example.org",
      regions: ["ZZ-N"],
    });
    await setFigure(national, 55); // 2018 national figure is in for one indicator
    // 2018 is due on 2019-03-31 (31 December + 90 days): a week before, reminders go out.
    const first = await planReminders(db, { today: "2019-03-26" });
    const rows = (
      await db
        .selectFrom("notifications")
        .select(["user_id", "kind", "payload"])
        .where("user_id", "in", [everywhere.id, north.id])
        .execute()
    ).filter((r) => (r.payload as { program: { code: string } }).program.code === program.code);
    expect(rows).toHaveLength(2);
    const mine = (id: string) =>
      rows.find((r) => r.user_id === id)?.payload as {
        kind: string;
        items: { indicator: string; region: string | null }[];
      };
    expect(mine(everywhere.id).items).toEqual([
      expect.objectContaining({ indicator: regional, region: null, period: "2018" }),
    ]);
    expect(mine(north.id).items).toEqual([
      expect.objectContaining({ indicator: regional, region: "ZZ-N", period: "2018" }),
    ]);
    expect(mine(north.id).kind).toBe("reminder_due");
    const again = await planReminders(db, { today: "2019-03-27" });
    const mineAgain = await db
      .selectFrom("notifications")
      .select("id")
      .where(
        "id",
        "in",
        again.length ? again.map((d) => d.id) : ["00000000-0000-0000-0000-000000000000"],
      )
      .where("user_id", "in", [everywhere.id, north.id])
      .execute();
    expect(mineAgain).toEqual([]);
    expect(first.length).toBeGreaterThanOrEqual(2);
  });
});
