import { applyObservations } from "@spm/db";
import { buildProgram, createUploadRow } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// Statuses on any day and as reported on a past day, through the API. Indicator 0 has a 2018
// figure of 50 (its target): green until 2019's figure falls due (2020-03-30), overdue after.
// Indicator 1's 2020 figure was sent as 50 (red against 70) on 2021-02-01 and revised to 70
// (green) on 2021-09-15.
let app: TestApp;
let viewer: string;
const program = buildProgram({ indicators: [{}, {}] });
const [dueing, revised] = program.indicators.map((i) => i.code) as [string, string];
const today = new Date().toISOString().slice(0, 10);

async function send(code: string, period: string, value: number, recordedAt: string) {
  const upload = await createUploadRow(app.db);
  await app.db.transaction().execute((trx) =>
    applyObservations(trx, [{ indicator: code, region: "ZZ", period, year: +period, value }], {
      uploadId: upload.id,
      uploadSeq: upload.seq,
      author: "test",
    }),
  );
  await sql`update observation_revisions set created_at = ${recordedAt}::timestamptz
    where upload_id = ${upload.id}::uuid`.execute(app.db);
}

beforeAll(async () => {
  app = await startTestApp();
  viewer = await tokenFor(app.db, "viewer");
  await importProgram(app.db, program, "test");
  await send(dueing, "2018", 50, "2019-01-20T08:00:00Z");
  await send(revised, "2020", 50, "2021-02-01T10:00:00Z");
  await send(revised, "2020", 70, "2021-09-15T12:00:00Z");
});
afterAll(() => app?.close());

interface Status {
  current: { level: string; actual: number | null };
}
/** The parts of a status answer (or a problem) these tests read. */
interface Answer {
  asOf: string;
  reportedOn: string | null;
  latest: { value: number | null } | null;
  status: Status;
  indicators: { code: string; status: Status }[];
  code?: string;
  invalid?: { field: string; message: string }[];
}

async function get(path: string) {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${viewer}` },
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe("GET /indicators[/:code] as of any day", () => {
  it("shows each day's level: green on 2020-03-01, overdue on 2020-06-30", async () => {
    for (const [day, level] of [
      ["2019-12-31", "green"],
      ["2020-03-01", "green"],
      ["2020-06-30", "overdue"],
    ]) {
      const { status, body } = await get(`/indicators/${dueing}?asOf=${day}`);
      expect(status).toBe(200);
      expect([body.asOf, body.status.current.level]).toEqual([day, level]);
    }
    const list = await get(`/indicators?asOf=2020-06-30&program=${program.code}`);
    expect(list.body.indicators.map((i) => [i.code, i.status.current.level])).toEqual([
      [dueing, "overdue"],
      // The as-of year's own figure counts while the year runs.
      [revised, "green"],
    ]);
  });

  it("treats a day after today as today", async () => {
    const { status, body } = await get(`/indicators/${dueing}?asOf=2999-01-01`);
    expect([status, body.asOf, body.reportedOn]).toEqual([200, today, null]);
  });

  it("refuses a day before the programme or not in the calendar, naming the field", async () => {
    const before = await get(`/indicators/${dueing}?asOf=2017-12-31`);
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({
      code: "date_before_program",
      invalid: [{ field: "asOf", message: "a day from 2018-01-01, the programme's first year" }],
    });
    const bad = await get(`/indicators?reportedOn=2021-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.body.invalid).toEqual([
      { field: "reportedOn", message: "a calendar date YYYY-MM-DD" },
    ]);
  });
});

describe("GET /indicators[/:code]?reportedOn= (the figures as known that day)", () => {
  it("shows the old value and level before the revision, the new one from its day", async () => {
    const at = (q: string) => get(`/indicators/${revised}?${q}`);
    const before = await at("reportedOn=2021-06-30");
    expect(before.body).toMatchObject({ asOf: "2021-06-30", reportedOn: "2021-06-30" });
    expect(before.body.status.current).toMatchObject({ level: "red", actual: 50 });
    expect(before.body.latest?.value).toBe(50);
    const after = await at("reportedOn=2021-09-15&asOf=2021-06-30");
    expect(after.body.status.current).toMatchObject({ level: "green", actual: 70 });
    const now = await at("asOf=2021-06-30");
    expect([now.body.reportedOn, now.body.status.current.level]).toEqual([null, "green"]);
  });

  it("lists a programme's indicators as reported on a day; a future day is today's figures", async () => {
    const list = await get(`/indicators?reportedOn=2021-06-30&program=${program.code}`);
    expect(list.status).toBe(200);
    expect(list.body.reportedOn).toBe("2021-06-30");
    const levels = list.body.indicators.map((i) => [i.code, i.status.current.level]);
    expect(levels).toEqual([
      [dueing, "overdue"],
      [revised, "red"],
    ]);
    const future = await get(`/indicators/${revised}?reportedOn=2999-01-01`);
    expect([future.body.reportedOn, future.body.asOf, future.body.latest?.value]).toEqual([
      null,
      today,
      70,
    ]);
  });
});
