import { createTestDb, createTestUser } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";
import { previewAlertRule } from "../rules/run";
import { showDelivery } from "./notifications";
import { AS_OF, alertFixtures } from "./test-support";

const db = createTestDb();
afterAll(() => db.destroy());
const { setFigure, setUp, evaluate } = alertFixtures(db);

// 41.375 is in no target or baseline: where it appears, the figure reached that reader.
const SECRET = 41.375;

describe("notices of a confidential figure", () => {
  it("carry the value to a permitted user only; an address, a webhook and other users get the mark", async () => {
    const cleared = await createTestUser(db, {
      role: "manager",
      email: "cleared@example.org",
      confidential: true,
    });
    const plain = await createTestUser(db, { role: "manager", email: "plain@example.org" });
    const { codes, stored, program } = await setUp({
      channels: ["email", "in_app", "webhook"],
      recipients: {
        users: [cleared.username, plain.username],
        roles: [],
        addresses: ["outside@example.org"],
        webhooks: ["https://hooks.example.org/spm"],
      },
    });
    const [code] = codes as [string];
    await setFigure(code, SECRET, "ZZ", "confidential");
    await evaluate([code], 0);
    const rows = await db
      .selectFrom("notifications as n")
      .innerJoin("alerts as a", "a.id", "n.alert_id")
      .select(["n.channel", "n.user_id", "n.address", "n.payload"])
      .where("a.indicator_code", "=", code)
      .execute();
    const shownValue = (r: (typeof rows)[number]) => (r.payload as { value: number | null }).value;
    const permitted = rows.filter((r) => r.user_id === cleared.id);
    const others = rows.filter((r) => r.user_id !== cleared.id);
    expect(permitted.map((r) => r.channel).sort()).toEqual(["email", "in_app"]);
    expect(permitted.map(shownValue)).toEqual([SECRET, SECRET]);
    expect(others.map((r) => r.channel).sort()).toEqual(["email", "email", "in_app", "webhook"]);
    for (const r of others) {
      expect(shownValue(r)).toBeNull();
      expect(r.payload).toMatchObject({ confidential: true, level: "red" });
      expect(JSON.stringify(r.payload)).not.toContain("41.375");
    }
    // The outbox shows the body of the permitted user's e-mail to permitted readers only.
    const mails = await db
      .selectFrom("notifications as n")
      .innerJoin("alerts as a", "a.id", "n.alert_id")
      .selectAll("n")
      .where("a.indicator_code", "=", code)
      .where("n.channel", "=", "email")
      .execute();
    const theirs = mails.find((m) => m.user_id === cleared.id);
    if (!theirs) throw new Error("no e-mail to the permitted user");
    expect(showDelivery(theirs, false)).toMatchObject({ withheld: true, payload: null });
    expect(JSON.stringify(showDelivery(theirs, false))).not.toContain("41.375");
    expect(showDelivery(theirs, true).withheld).toBe(false);
    for (const m of mails.filter((m) => m.user_id !== cleared.id))
      expect(showDelivery(m, false).withheld).toBe(false);
    const alert = await db
      .selectFrom("alerts")
      .select("value")
      .where("indicator_code", "=", code)
      .executeTakeFirstOrThrow();
    expect(alert.value).toBeNull();
    const preview = (permitted: boolean) =>
      previewAlertRule(db, program.code, stored.rule, AS_OF, permitted);
    expect((await preview(false)).rows.map((r) => r.value)).not.toContain(SECRET);
    expect((await preview(true)).rows.map((r) => r.value)).toContain(SECRET);
  });

  it("carry a public figure's value to everyone, as before", async () => {
    const { codes } = await setUp({
      channels: ["webhook"],
      recipients: { users: [], roles: [], addresses: [], webhooks: ["https://h.example.org/x"] },
    });
    const [code] = codes as [string];
    await setFigure(code, 41);
    await evaluate([code], 0);
    const row = await db
      .selectFrom("notifications as n")
      .innerJoin("alerts as a", "a.id", "n.alert_id")
      .select(["n.payload"])
      .where("a.indicator_code", "=", code)
      .executeTakeFirstOrThrow();
    expect(row.payload).toMatchObject({ value: 41, confidential: false });
  });
});
