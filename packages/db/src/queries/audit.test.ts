import { afterAll, expect, it, onTestFinished } from "vitest";
import { createDb } from "../client";
import { createTestDb, uniqueSuffix } from "../test/factories";
import { listAudit, recordAudit } from "./audit";

const db = createTestDb();
afterAll(() => db.destroy());

// The app's role may not update or delete at all (app-role.test.ts); the owner meets the trigger.
it("keeps the audit log append-only: updates and deletes are refused by Postgres", async () => {
  const entityId = `e-${uniqueSuffix()}`;
  await recordAudit(db, {
    actor: "test",
    action: "thing.create",
    entityType: "thing",
    entityId,
    after: { a: 1 },
  });
  const [entry] = await listAudit(db, { entityType: "thing", entityId });
  expect(entry).toMatchObject({ actor: "test", action: "thing.create", after: { a: 1 } });
  const owner = createDb(process.env.MIGRATION_DATABASE_URL ?? "", { max: 1 });
  onTestFinished(() => owner.destroy());
  await expect(
    owner
      .updateTable("audit_log")
      .set({ actor: "someone else" })
      .where("entity_id", "=", entityId)
      .execute(),
  ).rejects.toThrow(/append-only/);
  await expect(
    owner.deleteFrom("audit_log").where("entity_id", "=", entityId).execute(),
  ).rejects.toThrow(/append-only/);
});
