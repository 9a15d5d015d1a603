// A source reaches public addresses only, at save time and on the address it connects to (no
// spelling of loopback or a private range passes), within a deadline and the upload size limit;
// due pulls are claimed once.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { claimDueSources, insertSource, type SourceFields } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";
import { type PullDeps, pullSource } from "./pull-source";

let app: TestApp;
let admin: string;
let server: Server;
let port = 0;
let hits = 0;
let answer: "data" | "hang" | "large" = "data";
const program = buildProgram();

beforeAll(async () => {
  app = await startTestApp();
  await importProgram(app.db, program, "test");
  admin = await tokenFor(app.db, "admin");
  server = createServer((req, res) => {
    hits++;
    req.resume();
    if (answer === "hang") return;
    if (answer === "large") return void res.end("x".repeat(4096));
    res.end("indicator,period,region,value\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await app?.close();
});

const fields = (url: string): SourceFields => ({
  programCode: program.code,
  name: `guard ${randomBytes(6).toString("hex")}`,
  kind: "url",
  url,
  dhis2: null,
  authKind: "none",
  authUsername: null,
  secretSealed: null,
  everyMinutes: 60,
  // Pulled here only: a worker of the system tests shares this database.
  enabled: false,
});

const deps = (extra: Partial<PullDeps> = {}): PullDeps => ({
  db: app.db,
  queues: app.queues,
  logger: createLogger("test", "silent"),
  key: null,
  allowPrivate: false,
  timeoutMs: 5000,
  maxBytes: 1024 * 1024,
  now: () => new Date(),
  ...extra,
});

const HOSTS = [
  "127.0.0.1",
  "localhost",
  "[::1]",
  "[::ffff:127.0.0.1]",
  "[::ffff:7f00:1]",
  "[64:ff9b::7f00:1]",
  "2130706433",
  "0x7f.1",
  "0.0.0.0",
];

describe("the address of a source", () => {
  it.each(HOSTS)("refuses http://%s when saved (422 address_not_public)", async (host) => {
    const name = `guard ${randomBytes(6).toString("hex")}`;
    const res = await fetch(`${app.url}/api/v1/sources`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({
        program: program.code,
        name,
        kind: "url",
        url: `http://${host}:${port}/figures.csv`,
      }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: "address_not_public",
      invalid: [{ field: "url", message: "the address is not a public address" }],
    });
    expect(await app.db.selectFrom("sources").where("name", "=", name).execute()).toEqual([]);
  });

  it.each(HOSTS)("never connects to http://%s when pulled", async (host) => {
    // Stored as if its name had been public when saved (DNS can change its answer since).
    const source = await insertSource(
      app.db,
      crypto.randomUUID(),
      fields(`http://${host}:${port}/figures.csv`),
      "test",
    );
    const before = hits;
    expect(await pullSource(deps(), source.id, "test")).toMatchObject({
      outcome: "failed",
      code: "address_not_public",
      transient: false,
    });
    expect(hits).toBe(before);
  });
});

describe("a pull's bounds", () => {
  it("gives up at the deadline, and again when the body passes the upload size limit", async () => {
    const url = `http://127.0.0.1:${port}/figures.csv`;
    const source = await insertSource(app.db, crypto.randomUUID(), fields(url), "test");
    answer = "hang";
    const slow = await pullSource(deps({ allowPrivate: true, timeoutMs: 1000 }), source.id, "t");
    expect(slow).toMatchObject({ outcome: "failed", code: "source_timeout", transient: true });
    answer = "large";
    const large = await pullSource(deps({ allowPrivate: true, maxBytes: 1000 }), source.id, "t");
    expect(large).toMatchObject({ outcome: "failed", code: "source_too_large", transient: false });
    answer = "data";
  });
});

describe("due pulls", () => {
  it("are claimed once, then not before their next time", async () => {
    // Due in 2000: claims as of then take these rows and no other test's.
    const past = new Date("2000-01-01T00:00:00Z");
    const rows = await Promise.all(
      [1, 2].map(() =>
        insertSource(
          app.db,
          crypto.randomUUID(),
          { ...fields("http://93.184.215.14/x.csv"), enabled: true },
          "t",
        ),
      ),
    );
    const ids = rows.map((s) => s.id);
    try {
      await app.db
        .updateTable("sources")
        .set({ next_pull_at: past })
        .where("id", "in", ids)
        .execute();
      const at = new Date(past.getTime() + 60_000);
      expect((await claimDueSources(app.db, at, 1000)).sort()).toEqual([...ids].sort());
      expect(await claimDueSources(app.db, at, 1000)).toEqual([]);
      const later = new Date(at.getTime() + 60 * 60_000);
      expect((await claimDueSources(app.db, later, 1000)).sort()).toEqual([...ids].sort());
    } finally {
      await app.db.deleteFrom("sources").where("id", "in", ids).execute();
    }
  });
});
