import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findUserByUsername, listApiTokens, listAudit } from "@spm/db";
import { createTestDb, uniqueSuffix } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";

// `spm user create ... --confidential` and `spm token create ... --confidential`, run as a
// process on the test database.
const db = createTestDb();
afterAll(() => db.destroy());
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

function spm(args: string[], input = "") {
  const run = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["apps/ingest/src/cli/main.ts", ...args],
    { cwd: ROOT, input, encoding: "utf8", env: process.env },
  );
  expect(run.status, run.stderr).toBe(0);
  return run;
}

describe("the confidential flag of the command line", () => {
  it("creates users with and without the permission, audited", async () => {
    const cleared = `cli-${uniqueSuffix().toLowerCase()}`;
    const plain = `cli-${uniqueSuffix().toLowerCase()}`;
    spm(
      ["user", "create", "--username", cleared, "--role", "viewer", "--confidential"],
      "long password 1",
    );
    spm(["user", "create", "--username", plain, "--role", "viewer"], "long password 2");
    const user = await findUserByUsername(db, cleared);
    expect(user?.confidential).toBe(true);
    expect((await findUserByUsername(db, plain))?.confidential).toBe(false);
    const [entry] = await listAudit(db, { entityType: "user", entityId: user?.id ?? "" });
    expect(entry).toMatchObject({ action: "user.create", after: { confidential: true } });
  });

  it("creates a token with the permission and lists it", async () => {
    const name = `cli token ${uniqueSuffix()}`;
    const run = spm(["token", "create", "--name", name, "--role", "viewer", "--confidential"]);
    expect(run.stdout.trim()).toMatch(/^spm_t/);
    const token = (await listApiTokens(db)).find((t) => t.name === name);
    expect(token?.confidential).toBe(true);
    expect(spm(["token", "list"]).stdout).toMatch(
      new RegExp(`${name}\\tviewer\\t\\*\\tconfidential\\tactive`),
    );
  });
});
