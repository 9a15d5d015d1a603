import { buildProgram, createTestDb, createTestUser } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";
import { actOnApproval } from "../approvals/run";
import { importProgram } from "../programs/run";
import { DeliveryInFlightError, deliverNotification, planReminders } from "./notifications";
import { alertFixtures, at } from "./test-support";

const db = createTestDb();
afterAll(() => db.destroy());
const { setFigure, setUp, evaluate } = alertFixtures(db);

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
    const outcomes = await Promise.allSettled([
      deliverNotification(db, delivery.id, send, () => at(2), { worker: "a" }),
      deliverNotification(db, delivery.id, send, () => at(2), { worker: "b" }),
    ]);
    // The second worker finds the row claimed: its job tries again later and finds it done.
    expect(
      outcomes.map((o) => (o.status === "fulfilled" ? o.value : o.reason.name)).sort(),
    ).toEqual(["DeliveryInFlightError", "sent"]);
    expect(outcomes.find((o) => o.status === "rejected")?.reason).toBeInstanceOf(
      DeliveryInFlightError,
    );
    expect(await deliverNotification(db, delivery.id, send, () => at(3))).toBe("already_done");
    expect(sends).toBe(1);
    const row = await db
      .selectFrom("notifications")
      .select(["status", "attempts", "last_error"])
      .where("id", "=", delivery.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 2, last_error: null });
  });

  it("takes over a crashed sender's claim once its lease ran out, not before", async () => {
    const { codes } = await setUp({ channels: ["email"] });
    const [code] = codes as [string];
    await setFigure(code, 41);
    const [delivery] = (await evaluate([code], 0)).deliveries;
    if (!delivery) throw new Error("no delivery");
    const claim = (claimedAt: Date) =>
      db
        .updateTable("notifications")
        .set({ claimed_at: claimedAt, claimed_by: "crashed" })
        .where("id", "=", delivery.id)
        .execute();
    const send = async () => ({ status: "sent" as const, message: {} });
    const lease = { leaseMs: 60_000 };
    await claim(new Date(at(2).getTime() - 30_000));
    await expect(deliverNotification(db, delivery.id, send, () => at(2), lease)).rejects.toThrow(
      DeliveryInFlightError,
    );
    await claim(new Date(at(2).getTime() - 61_000));
    expect(await deliverNotification(db, delivery.id, send, () => at(2), lease)).toBe("sent");
    // The claim is released with the result.
    const row = await db
      .selectFrom("notifications")
      .select(["status", "claimed_by", "claimed_at"])
      .where("id", "=", delivery.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", claimed_by: null, claimed_at: null });
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

  it("asks for no figure of an approved year and place, and names a year returned to the steward", async () => {
    const program = buildProgram({ indicators: [{ disaggregation: "regional" }] });
    await importProgram(db, program, "test");
    const north = await createTestUser(db, {
      role: "steward",
      email: "north-2@example.org",
      regions: ["ZZ-N"],
    });
    const south = await createTestUser(db, {
      role: "steward",
      email: "south-2@example.org",
      regions: ["ZZ-S"],
    });
    const act = (region: string, action: "submit" | "approve" | "return", comment?: string) =>
      actOnApproval(db, {
        request: {
          program: program.code,
          year: 2018,
          region,
          action,
          ...(comment ? { comment } : {}),
        },
        places: null,
        actor: "test",
        now: new Date("2019-03-01T00:00:00Z"),
      });
    // North's 2018 is approved (locked); South's was returned with a comment.
    await act("ZZ-N", "submit");
    await act("ZZ-N", "approve");
    await act("ZZ-S", "submit");
    await act("ZZ-S", "return", "Проверьте итог по району");
    await planReminders(db, { today: "2019-03-26" });
    const payloadOf = async (id: string) =>
      (await db.selectFrom("notifications").select(["payload"]).where("user_id", "=", id).execute())
        .map(
          (r) => r.payload as { program: { code: string }; items: unknown[]; returned?: unknown[] },
        )
        .filter((p) => p.program.code === program.code);
    expect(await payloadOf(north.id)).toEqual([]);
    const [forSouth] = await payloadOf(south.id);
    expect(forSouth?.items).toEqual([expect.objectContaining({ region: "ZZ-S", period: "2018" })]);
    expect(forSouth?.returned).toEqual([
      { year: 2018, region: "ZZ-S", comment: "Проверьте итог по району" },
    ]);
  });
});
