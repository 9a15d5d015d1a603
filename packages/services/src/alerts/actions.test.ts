import { createTestDb } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";
import { acknowledgeAlertById, silenceAlertById } from "./actions";
import { listInbox } from "./notifications";
import { getAlert } from "./reads";
import { alertFixtures, alertIdOf, at } from "./test-support";

const db = createTestDb();
afterAll(() => db.destroy());
const { setFigure, setUp, evaluate } = alertFixtures(db);

describe("acknowledging and silencing", () => {
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
});
