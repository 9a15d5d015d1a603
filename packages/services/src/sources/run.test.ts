// Sources are saved only toward public addresses, and their credential is never stored plain
// nor shown back.
import { randomBytes } from "node:crypto";
import { buildProgram, createTestDb, uniqueSuffix } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../errors";
import { importProgram } from "../programs/run";
import type { NewSource } from "./compute";
import { createSource, deleteSource, openSourceSecret, updateSource } from "./run";
import { parseSecretsKey } from "./secret-box";

const db = createTestDb();
const program = buildProgram();
const key = parseSecretsKey(randomBytes(32).toString("hex"));
const ctx = { key, allowPrivate: false, actor: "test", now: new Date() };
afterAll(() => db.destroy());
beforeAll(() => importProgram(db, program, "test"));

const source = (url: string, extra: Partial<NewSource> = {}): NewSource => ({
  program: program.code,
  name: `src-${uniqueSuffix()}`,
  kind: "url",
  url,
  everyMinutes: 60,
  // A worker of the system tests shares this database: it must not pull these.
  enabled: false,
  ...extra,
});

describe("saving a source", () => {
  it.each([
    "http://127.0.0.1/x.csv",
    "http://10.1.2.3/x.csv",
    "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:127.0.0.1]/x",
    "http://[::1]:8080/x",
    "http://2130706433/x",
    "http://0x7f.1/x",
    "http://192.168.0.10/x",
    "http://[64:ff9b::a00:1]/x",
    "http://localhost:5432/x",
  ])("refuses %s as not public, and stores nothing", async (url) => {
    const name = `src-${uniqueSuffix()}`;
    const error = await createSource(db, source(url, { name }), ctx).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("address_not_public");
    expect((error as ServiceError).details).toEqual([
      { path: "url", message: "the address is not a public address" },
    ]);
    const stored = await db.selectFrom("sources").select("id").where("name", "=", name).execute();
    expect(stored).toEqual([]);
  });

  it("refuses a change of address to a private one", async () => {
    const saved = await createSource(db, source("http://93.184.215.14/x.csv"), ctx);
    const error = await updateSource(db, saved.id, { url: "http://10.0.0.1/x" }, ctx).catch(
      (e) => e,
    );
    expect((error as ServiceError).code).toBe("address_not_public");
    const row = await db.selectFrom("sources").select("url").where("id", "=", saved.id).execute();
    expect(row).toEqual([{ url: "http://93.184.215.14/x.csv" }]);
  });

  it("keeps a token sealed: the row never holds it, the view says only that there is one", async () => {
    const token = `d2pat_${randomBytes(16).toString("hex")}`;
    const saved = await createSource(
      db,
      source("https://93.184.215.15/dhis", {
        kind: "dhis2",
        dhis2: {
          dataSets: ["BfMAe6Itzgt"],
          orgUnits: ["ImspTQPwCqd"],
          children: true,
          lastYears: 2,
        },
        auth: { kind: "token", token },
      }),
      ctx,
    );
    expect(saved.hasSecret).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(token);
    const row = await db
      .selectFrom("sources")
      .selectAll()
      .where("id", "=", saved.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.secret_sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(openSourceSecret(row, key)).toEqual({ ok: true, secret: token });
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", saved.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["source.create"]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(await deleteSource(db, saved.id, "test")).toBe(true);
  });

  it("refuses a credential when no key is configured", async () => {
    const error = await createSource(
      db,
      source("https://93.184.215.16/x.json", {
        auth: { kind: "basic", username: "u", password: "p" },
      }),
      { ...ctx, key: null },
    ).catch((e) => e);
    expect((error as ServiceError).code).toBe("secrets_key_unset");
  });
});
