// The administration commands refuse what the API refuses: a weak password (issue 13, 17), a
// limit to no region (19), a token lifetime over the maximum; a token ends after 90 days (15);
// a programme import's dry run writes nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findUserByUsername, listApiTokens } from "@spm/db";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const db = createTestDb();
afterAll(() => db.destroy());

function spm(args: string[], input = "") {
  const run = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [path.join(ROOT, "apps/ingest/src/cli/main.ts"), ...args],
    { input, encoding: "utf8", env: process.env, timeout: 60_000 },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const unique = () => `cli-${crypto.randomUUID().slice(0, 8)}`;

describe("spm user create", () => {
  it.each([
    ["aaaaaaaaaaaa", /repeats characters/],
    ["password1234", /common password/],
    ["1234567890", /at least 12 characters/],
  ])("refuses the password %s and says why", async (password, why) => {
    const username = unique();
    const run = spm(["user", "create", "--username", username, "--role", "viewer"], password);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(why);
    expect(await findUserByUsername(db, username)).toBeUndefined();
  });

  it("refuses the username as the password", async () => {
    const username = `${unique()}-admin`;
    const run = spm(["user", "create", "--username", username, "--role", "admin"], username);
    expect(run.stderr).toMatch(/contains the username/);
    expect(await findUserByUsername(db, username)).toBeUndefined();
  });

  it("refuses an empty --regions instead of reading it as every region", async () => {
    const username = unique();
    const args = ["user", "create", "--username", username, "--role", "steward", "--regions", ""];
    const run = spm(args, "a long enough password");
    expect(run.stderr).toMatch(/--regions: name at least one region/);
    expect(await findUserByUsername(db, username)).toBeUndefined();
  });

  it("creates a user with a strong password", async () => {
    const username = unique();
    const run = spm(
      ["user", "create", "--username", username, "--role", "viewer"],
      "a long enough password",
    );
    expect(run.status).toBe(0);
    expect((await findUserByUsername(db, username))?.regions).toBeNull();
  });
});

describe("spm token create", () => {
  it("gives a token 90 days unless told otherwise, and at most 365", async () => {
    const name = unique();
    const started = Date.now();
    expect(spm(["token", "create", "--name", name, "--role", "viewer"]).status).toBe(0);
    const token = (await listApiTokens(db)).find((t) => t.name === name);
    const days = ((token?.expiresAt?.getTime() ?? 0) - started) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);
    const long = spm([
      "token",
      "create",
      "--name",
      unique(),
      "--role",
      "viewer",
      "--expires-days",
      "366",
    ]);
    expect(long.status).toBe(1);
    expect(long.stderr).toMatch(/--expires-days/);
  });

  it("refuses an empty --regions", async () => {
    const name = unique();
    const run = spm(["token", "create", "--name", name, "--role", "steward", "--regions", " , "]);
    expect(run.stderr).toMatch(/--regions: name at least one region/);
    expect((await listApiTokens(db)).some((t) => t.name === name)).toBe(false);
  });
});

describe("spm program import --dry-run", () => {
  it("lists what the import would create and writes nothing; without the flag it imports", async () => {
    const program = buildProgram();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "spm-")), "programme.json");
    writeFileSync(file, JSON.stringify(program));
    const code = program.indicators[0]?.code;
    const stored = () =>
      db.selectFrom("programs").select("code").where("code", "=", program.code).execute();

    const dry = spm(["program", "import", file, "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain(`dry run, nothing written: ${program.code}: created`);
    expect(dry.stderr).toContain(`+ ${code}: created`);
    expect(await stored()).toEqual([]);

    expect(spm(["program", "import", file]).status).toBe(0);
    expect(await stored()).toEqual([{ code: program.code }]);
  });
});
