import { listAudit } from "@spm/db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "./test/harness";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

it("audits an admin's change with the request it came from, in the same transaction", async () => {
  const admin = await tokenFor(app.db, "admin");
  const username = `audited-${crypto.randomUUID().slice(0, 8)}`;
  const res = await fetch(`${app.url}/api/v1/users`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${admin}`,
      "content-type": "application/json",
      "x-request-id": "req-audit-1",
    },
    body: JSON.stringify({ username, password: "a long enough password", role: "viewer" }),
  });
  expect(res.status).toBe(201);
  const { user } = (await res.json()) as { user: { id: string } };
  const [entry] = await listAudit(app.db, { entityType: "user", entityId: user.id });
  expect(entry).toMatchObject({
    action: "user.create",
    request_id: "req-audit-1",
    ip: "127.0.0.1",
  });
  expect(JSON.stringify(entry?.after)).not.toContain("password");
  const again = await fetch(`${app.url}/api/v1/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({ username, password: "a long enough password", role: "viewer" }),
  });
  expect(again.status).toBe(409);
});
