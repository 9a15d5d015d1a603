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

afterAll(() => {
  services("down");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("infra/local/services.sh", () => {
  it("starts Postgres and Redis, and a second start is harmless", () => {
    const first = services("up");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^DATABASE_URL=postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:55499\/spm$/m,
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
    const mode = spawnSync("stat", ["-c", "%a", path.join(dataDir, "secrets/pg-password")], {
      encoding: "utf8",
    });
    expect(mode.stdout.trim()).toBe("600");
  });
});
