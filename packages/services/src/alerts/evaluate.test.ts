import { createTestDb } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";
import { countUnread, listInbox, markRead } from "./notifications";
import { getAlert } from "./reads";
import { alertFixtures, alertIdOf, at } from "./test-support";

const db = createTestDb();
afterAll(() => db.destroy());
const { setFigure, setUp, evaluate } = alertFixtures(db);

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
});

describe("a stored rule that no longer reads", () => {
  it("is skipped and reported, and the other rules' alerts are evaluated as before", async () => {
    const { codes, program } = await setUp();
    const [red] = codes as [string];
    const broken = await db
      .insertInto("alert_rules")
      .values({
        program_code: program.code,
        name: "Written by hand",
        definition: JSON.stringify({ condition: { kind: "no_such_kind" } }),
        created_by: "test",
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      await setFigure(red, 41);
      const result = await evaluate([red], 0);
      expect(result).toMatchObject({ evaluated: 1, transitions: 1 });
      expect(result.unreadable).toContainEqual(
        expect.objectContaining({ id: broken.id, reason: expect.stringContaining("condition") }),
      );
    } finally {
      await db.deleteFrom("alert_rules").where("id", "=", broken.id).execute();
    }
  });
});
