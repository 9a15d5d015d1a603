import { afterAll, expect, it } from "vitest";
import { createTestDb, uniqueSuffix } from "../test/factories";
import { listAudit, recordAudit } from "./audit";

const db = createTestDb();
afterAll(() => db.destroy());

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
  await expect(
    db
      .updateTable("audit_log")
      .set({ actor: "someone else" })
      .where("entity_id", "=", entityId)
      .execute(),
  ).rejects.toThrow(/append-only/);
  await expect(
    db.deleteFrom("audit_log").where("entity_id", "=", entityId).execute(),
  ).rejects.toThrow(/append-only/);
});
