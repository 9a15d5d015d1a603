import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../infra/local/services.sh",
);
// A separate data folder and ports: the suite's own services are never touched.
const dataDir = mkdtempSync(path.join(tmpdir(), "spm-services-"));
chmodSync(dataDir, 0o755); // the postgres user must reach the cluster inside it
const env = {
  ...process.env,
  SPM_DATA_DIR: dataDir,
  SPM_PG_PORT: "55499",
  SPM_REDIS_PORT: "56499",
};
const services = (cmd: string) => spawnSync("bash", [SCRIPT, cmd], { env, encoding: "utf8" });
const urls = (stdout: string): Record<string, string> =>
  Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
/** Runs SQL through psql; gives its output, or its error text with `failed` set. */
const psql = (url: string, query: string) => {
  const out = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-tAc", query], {
    encoding: "utf8",
  });
  return { failed: out.status !== 0, text: `${out.stdout}${out.stderr}`.trim() };
};

afterAll(() => {
  services("down");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("infra/local/services.sh", () => {
  it("starts Postgres and Redis, and a second start is harmless", () => {
    const first = services("up");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^DATABASE_URL=postgres:\/\/spm_app:[0-9a-f]+@127\.0\.0\.1:55499\/spm$/m,
    );
    expect(first.stdout).toMatch(
      /^MIGRATION_DATABASE_URL=postgres:\/\/spm_owner:[0-9a-f]+@127\.0\.0\.1:55499\/spm$/m,
    );
    expect(first.stdout).toMatch(/^REDIS_URL=redis:\/\/:[0-9a-f]+@127\.0\.0\.1:56499\/0$/m);
    const second = services("up");
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain("already running");
    expect(services("status").status).toBe(0);
  });

  it("comes back after both servers were killed and left stale pid files", () => {
    const redisPid = Number(readFileSync(path.join(dataDir, "redis/redis.pid"), "utf8"));
    process.kill(redisPid, "SIGKILL");
    const pgPid = Number(
      readFileSync(path.join(dataDir, "pg/postmaster.pid"), "utf8").split("\n")[0],
    );
    process.kill(pgPid, "SIGKILL");
    // Wait for both to be gone, leaving their pid files behind.
    const bothDown = () => /Redis: down[\s\S]*Postgres: down/.test(services("status").stderr);
    for (let i = 0; i < 50 && !bothDown(); i++) execFileSync("sleep", ["0.2"]);
    expect(services("status").stderr).toMatch(/Redis: down[\s\S]*Postgres: down/);
    const again = services("up");
    expect(again.status, again.stderr).toBe(0);
    expect(services("status").status).toBe(0);
  });

  it("keeps its secrets readable by the owner only", () => {
    for (const name of ["pg-password", "pg-owner-password", "pg-app-password"]) {
      const mode = spawnSync("stat", ["-c", "%a", path.join(dataDir, "secrets", name)], {
        encoding: "utf8",
      });
      expect(mode.stdout.trim(), name).toBe("600");
    }
  });

  it("upgrades an installation of an older version: the app's role, owner and grants", () => {
    const given = urls(services("env").stdout);
    const admin = given.ADMIN_DATABASE_URL as string;
    const app = given.DATABASE_URL as string;
    // What an older version left: no app role, the superuser owning the database and its tables.
    expect(psql(given.TEST_ADMIN_DATABASE_URL as string, "drop owned by spm_app").failed).toBe(
      false,
    );
    const older = psql(
      admin,
      `create table legacy (id int); insert into legacy values (1);
       alter database spm owner to postgres; alter schema public owner to postgres;
       drop owned by spm_app; drop role spm_app;`,
    );
    expect(older.failed, older.text).toBe(false);
    expect(psql(app, "select 1").failed).toBe(true);
    const up = services("up");
    expect(up.status, up.stderr).toBe(0);
    expect(psql(app, "select id from legacy")).toEqual({ failed: false, text: "1" });
    expect(psql(app, "insert into legacy values (2)").failed).toBe(false);
    expect(psql(admin, "select tableowner from pg_tables where tablename = 'legacy'").text).toBe(
      "spm_owner",
    );
    for (const refused of ["drop table legacy", "truncate legacy", "create table more (id int)"])
      expect(psql(app, refused).text, refused).toMatch(/permission denied|must be owner/);
  });
});
