import { listAudit } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { importProgram, processStatusWork } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// Narratives (issue 15): stewards write their places', managers every place; versions with
// If-Match; the years whose level needs one and have none.
let app: TestApp;
let steward: string;
let northSteward: string;
let manager: string;
let viewer: string;
// 2019: 10 against a target of 60 (red) nationally; the north has no figure.
const red2019 = { history: [{ period: "2019", value: 10, source: "test" }] };
const program = buildProgram({ indicators: [red2019, red2019] });
const code = program.indicators[0]?.code ?? "";
const other = program.indicators[1]?.code ?? "";
beforeAll(async () => {
  app = await startTestApp();
  steward = await tokenFor(app.db, "steward");
  northSteward = await tokenFor(app.db, "steward", ["ZZ-N"]);
  manager = await tokenFor(app.db, "manager");
  viewer = await tokenFor(app.db, "viewer");
  await importProgram(app.db, program, "test");
  await processStatusWork(app.db, { asOf: "2026-01-01", only: [code, other] });
});
afterAll(() => app?.close());

function call(method: string, path: string, token: string, body?: unknown, headers = {}) {
  return fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const ru = (text: string) => ({ explanation: { ru: text }, measures: { ru: "Меры приняты" } });

describe("narratives", () => {
  it("are written in Russian by a steward, versioned with If-Match, read with their history, audited", async () => {
    const path = `/indicators/${code}/narratives/2019`;
    const first = await call("PUT", path, steward, ru("Финансирование поступило поздно"), {
      "if-match": '"0"',
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"1"');
    const stale = await call("PUT", path, manager, ru("Другое"), { "if-match": '"0"' });
    expect(stale.status).toBe(412);
    const second = await call("PUT", path, manager, ru("Финансирование поступило в ноябре"), {
      "if-match": '"1"',
    });
    expect(second.status).toBe(200);

    const read = await call("GET", path, viewer);
    expect(read.status).toBe(200);
    const body = (await read.json()) as {
      region: string;
      current: { version: number; explanation: { ru: string }; author: string };
      history: { version: number }[];
    };
    expect(body.region).toBe("ZZ");
    expect(body.current.version).toBe(2);
    expect(body.current.explanation.ru).toBe("Финансирование поступило в ноябре");
    expect(body.history.map((h) => h.version)).toEqual([2, 1]);
    const audit = await listAudit(app.db, { entityType: "narrative", entityId: `${code}:ZZ:2019` });
    expect(audit.map((a) => a.action)).toEqual(["narrative.write", "narrative.write"]);
  });

  it("are written by a steward limited to regions for those regions only", async () => {
    const path = `/indicators/${code}/narratives/2020`;
    expect((await call("PUT", `${path}?region=ZZ-N`, northSteward, ru("Север"))).status).toBe(200);
    expect((await call("PUT", `${path}?region=ZZ-S`, northSteward, ru("Юг"))).status).toBe(403);
    expect((await call("PUT", path, northSteward, ru("Страна"))).status).toBe(403);
    expect((await call("PUT", path, viewer, ru("Страна"))).status).toBe(403);
    const south = (await (await call("GET", `${path}?region=ZZ-S`, viewer)).json()) as {
      current: unknown;
    };
    expect(south.current).toBeNull();
  });

  it("refuse a year or place outside the programme (422) and an empty text (400)", async () => {
    const outside = await call("PUT", `/indicators/${code}/narratives/2030`, steward, ru("x"));
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as { invalid: { field: string }[] }).invalid[0]?.field).toBe(
      "year",
    );
    const place = await call(
      "PUT",
      `/indicators/${code}/narratives/2019?region=ZZ-X`,
      steward,
      ru("x"),
    );
    expect(place.status).toBe(422);
    const empty = await call("PUT", `/indicators/${code}/narratives/2019`, steward, {
      explanation: {},
    });
    expect(empty.status).toBe(400);
    expect((await call("GET", "/indicators/NOPE_X/narratives/2019", viewer)).status).toBe(404);
  });

  it("are missing for red years until written, in the managers' list", async () => {
    const missing = async (year: number) =>
      (
        (await (
          await call("GET", `/narratives/missing?program=${program.code}&year=${year}`, manager)
        ).json()) as { levels: string[]; missing: { indicator: string; region: string }[] }
      ).missing.filter((m) => m.indicator === other);
    // 2018 has no figure (not red); 2019 is red nationally and has no narrative yet.
    expect(await missing(2018)).toEqual([]);
    expect(await missing(2019)).toEqual([
      { indicator: other, region: "ZZ", year: 2019, level: "red" },
    ]);
    const written = await call(
      "PUT",
      `/indicators/${other}/narratives/2019`,
      manager,
      ru("Пояснение"),
    );
    expect(written.status).toBe(200);
    expect(await missing(2019)).toEqual([]);
    expect((await call("GET", `/narratives/missing?program=${program.code}`, viewer)).status).toBe(
      403,
    );
  });
});
