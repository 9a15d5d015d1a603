import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObservations } from "../queries/observations";
import { buildProgram, createTestDb, createTestProgram, createUploadRow } from "../test/factories";
import { scrubConfidentialCopies } from "./2026_12_07_1910_confidential";

// The migration's scrub of values alerts copied before the permission existed.
const db = createTestDb();
const def = buildProgram({ indicators: [{}, {}] });
const [secret, open] = def.indicators.map((i) => i.code) as [string, string];

beforeAll(async () => {
  await createTestProgram(db, def);
  const upload = await createUploadRow(db);
  await db.transaction().execute((trx) =>
    applyObservations(
      trx,
      [
        {
          indicator: secret,
          region: "ZZ",
          period: "2019",
          year: 2019,
          value: 61,
          flag: "confidential",
        },
        { indicator: open, region: "ZZ", period: "2019", year: 2019, value: 62 },
      ],
      { uploadId: upload.id, uploadSeq: upload.seq, author: "t" },
    ),
  );
});
afterAll(() => db.destroy());

async function alertWithCopies(code: string, value: number): Promise<string> {
  const rule = await db
    .insertInto("alert_rules")
    .values({
      program_code: def.code,
      name: "r",
      definition: JSON.stringify({ name: "r" }),
      created_by: "t",
      // Not a rule the evaluator may read: the suite's worker shares this database.
      enabled: false,
      deleted_at: new Date(),
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  const alert = await db
    .insertInto("alerts")
    .values({
      rule_id: rule.id,
      indicator_code: code,
      region_code: "ZZ",
      status: "firing",
      since: new Date(),
      evaluated_at: new Date(),
      value,
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("alert_events")
    .values({ alert_id: alert.id, at: new Date(), kind: "fired", value } as never)
    .execute();
  await db
    .insertInto("notifications")
    .values({
      dedupe_key: `test:${crypto.randomUUID()}`,
      kind: "firing",
      channel: "in_app",
      alert_id: alert.id,
      lang: "en",
      payload: JSON.stringify({ type: "alert", value, indicator: { code } }),
      status: "unread",
    } as never)
    .execute();
  return alert.id;
}

describe("scrubConfidentialCopies", () => {
  it("nulls the copies of a confidential indicator's value and leaves the others", async () => {
    const hidden = await alertWithCopies(secret, 61);
    const shown = await alertWithCopies(open, 62);
    await scrubConfidentialCopies(db);
    const values = async (id: string) => {
      const { rows } = await sql<{ a: number | null; e: number | null; n: unknown }>`
        select a.value as a, e.value as e, n.payload as n from alerts a
        join alert_events e on e.alert_id = a.id join notifications n on n.alert_id = a.id
        where a.id = ${id}`.execute(db);
      return rows[0];
    };
    expect(await values(hidden)).toEqual({
      a: null,
      e: null,
      n: { type: "alert", value: null, confidential: true, indicator: { code: secret } },
    });
    expect(await values(shown)).toMatchObject({ a: 62, e: 62, n: { value: 62 } });
  });
});
