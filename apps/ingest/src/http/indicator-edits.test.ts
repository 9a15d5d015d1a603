import { listAudit } from "@spm/db";
import { buildProgram } from "@spm/db/test/factories";
import { parseProgramDefinition, processStatusWork } from "@spm/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// Managers change an indicator's definition (issue 15): PATCH with a reason and If-Match, the
// history and the audit, statuses through status work, and programme files merged with edits.
let app: TestApp;
let admin: string;
let manager: string;
let regionManager: string;
let viewer: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await tokenFor(app.db, "admin");
  manager = await tokenFor(app.db, "manager");
  regionManager = await tokenFor(app.db, "manager", ["ZZ-N"]);
  viewer = await tokenFor(app.db, "viewer");
});
afterAll(() => app?.close());

/** A programme whose 2019 figure (55) is judged against an illustrative 2019 target of 60. */
function programFile() {
  return buildProgram({
    indicators: [
      {
        targetsSource: "illustrative",
        history: [{ period: "2019", value: 55, source: "test" }],
      },
    ],
  });
}

function call(method: string, path: string, token: string, body?: unknown, headers = {}) {
  return fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined
        ? {}
        : { "content-type": typeof body === "string" ? "application/yaml" : "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function loaded() {
  const program = programFile();
  const res = await call("PUT", `/programs/${program.code}`, admin, program);
  expect(res.status).toBe(201);
  return { program, code: program.indicators[0]?.code ?? "" };
}

/** The stored 2019 status of the indicator, after the status work ran. */
async function level2019(code: string) {
  await processStatusWork(app.db, { asOf: "2026-01-01", only: [code] });
  const row = await app.db
    .selectFrom("status_years")
    .select(["current_level"])
    .where("indicator_code", "=", code)
    .where("year", "=", 2019)
    .executeTakeFirst();
  return row?.current_level;
}

describe("PATCH /indicators/:code", () => {
  it("replaces an illustrative target with an official one, with a reason: version, history, audit, status", async () => {
    const { code } = await loaded();
    const before = await level2019(code);
    const res = await call(
      "PATCH",
      `/indicators/${code}`,
      manager,
      {
        reason: "Decree No. 12 sets the 2019 target",
        targets: { "2019": 55 },
        targetSources: { "2019": { kind: "official", document: "Decree No. 12, 2019-02-01" } },
      },
      { "if-match": '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"2"');
    const body = (await res.json()) as { version: number; changes: { field: string }[] };
    expect(body.version).toBe(2);
    expect(body.changes.map((c) => c.field)).toEqual(["targetSources.2019", "targets.2019"]);
    // 55 against 60 was behind; against 55 it is met.
    expect(await level2019(code)).toBe("green");
    expect(before).not.toBe("green");

    const target = await app.db
      .selectFrom("targets")
      .select(["value", "source", "document"])
      .where("indicator_code", "=", code)
      .where("year", "=", 2019)
      .executeTakeFirstOrThrow();
    expect(target).toEqual({
      value: 55,
      source: "official",
      document: "Decree No. 12, 2019-02-01",
    });

    const history = await call("GET", `/indicators/${code}/history`, viewer);
    expect(history.status).toBe(200);
    const h = (await history.json()) as {
      version: number;
      changes: { version: number; kind: string; reason: string; actor: string }[];
    };
    expect(h.version).toBe(2);
    expect(h.changes[0]).toMatchObject({
      version: 2,
      kind: "edit",
      reason: "Decree No. 12 sets the 2019 target",
    });
    expect(h.changes[0]?.actor).toMatch(/^token:/);

    const [audit] = await listAudit(app.db, { entityType: "indicator", entityId: code });
    expect(audit?.action).toBe("indicator.update");
    expect(audit?.after).toMatchObject({ reason: "Decree No. 12 sets the 2019 target" });
    expect(audit?.before).toMatchObject({ version: 1, fields: { "targets.2019": 60 } });
  });

  it("refuses without a reason (400), with a stale If-Match (412) and a bad field (422), changing nothing", async () => {
    const { code } = await loaded();
    const noReason = await call("PATCH", `/indicators/${code}`, manager, { dueDays: 30 });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain("reason");

    const stale = await call(
      "PATCH",
      `/indicators/${code}`,
      manager,
      { reason: "late edit", dueDays: 30 },
      { "if-match": '"7"' },
    );
    expect(stale.status).toBe(412);

    const outside = await call("PATCH", `/indicators/${code}`, manager, {
      reason: "a year too far",
      targets: { "2030": 99 },
    });
    expect(outside.status).toBe(422);
    const problem = (await outside.json()) as { invalid: { field: string; message: string }[] };
    expect(problem.invalid).toEqual([
      { field: "targets.2030", message: "year outside 2018..2022" },
    ]);

    const range = await call("PATCH", `/indicators/${code}`, manager, {
      reason: "a range for an increase indicator",
      targets: { "2020": [1, 2] },
    });
    expect(range.status).toBe(422);

    const h = (await (await call("GET", `/indicators/${code}/history`, viewer)).json()) as {
      version: number;
      changes: unknown[];
    };
    expect(h).toMatchObject({ version: 1, changes: [] });
  });

  it("is refused to viewers, stewards and managers limited to regions (403), unknown codes 404", async () => {
    const { code } = await loaded();
    const body = { reason: "not mine to change", dueDays: 30 };
    expect((await call("PATCH", `/indicators/${code}`, viewer, body)).status).toBe(403);
    expect((await call("PATCH", `/indicators/${code}`, regionManager, body)).status).toBe(403);
    expect((await call("PATCH", "/indicators/NO_SUCH_CODE", manager, body)).status).toBe(404);
  });
});

describe("POST /indicators/:code/preview", () => {
  it("shows each year's status before and after, saving nothing; a confidential year's 'after' is withheld without the right", async () => {
    const { code } = await loaded();
    const body = { targets: { "2019": 55 } };
    const res = await call("POST", `/indicators/${code}/preview`, manager, body);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as {
      region: string;
      years: {
        year: number;
        before: { level: string };
        after: { level: string; target: number };
      }[];
    };
    expect(preview.region).toBe("ZZ");
    const y2019 = preview.years.find((y) => y.year === 2019);
    expect(y2019?.before.level).not.toBe("green");
    expect(y2019?.after).toEqual({ level: "green", target: 55 });
    expect(preview.years.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
    const h = (await (await call("GET", `/indicators/${code}/history`, viewer)).json()) as {
      version: number;
    };
    expect(h.version).toBe(1);
    const bad = await call("POST", `/indicators/${code}/preview`, manager, {
      targets: { "2030": 1 },
    });
    expect(bad.status).toBe(422);
    expect((await call("POST", `/indicators/${code}/preview`, viewer, body)).status).toBe(403);

    // The 2019 figure flagged confidential: a manager without the right cannot probe it.
    await app.db
      .updateTable("observations")
      .set({ flag: "confidential" })
      .where("indicator_code", "=", code)
      .execute();
    const probe = (await (
      await call("POST", `/indicators/${code}/preview`, manager, body)
    ).json()) as {
      years: { year: number; after: { level: string | null } }[];
    };
    expect(probe.years.find((y) => y.year === 2019)?.after.level).toBeNull();
    const cleared = await tokenFor(app.db, "manager", undefined, { confidential: true });
    const allowed = (await (
      await call("POST", `/indicators/${code}/preview`, cleared, body)
    ).json()) as {
      years: { year: number; after: { level: string | null } }[];
    };
    expect(allowed.years.find((y) => y.year === 2019)?.after.level).toBe("green");
  });
});

describe("programme files and managers' edits", () => {
  it("keeps an edit on re-import and names the conflict; force restores the file; the downloaded definition re-imports unchanged", async () => {
    const { program, code } = await loaded();
    const edit = await call("PATCH", `/indicators/${code}`, manager, {
      reason: "official target",
      targets: { "2021": 85 },
    });
    expect(edit.status).toBe(200);

    const again = await call("PUT", `/programs/${program.code}`, admin, program);
    expect(again.status).toBe(200);
    const kept = (await again.json()) as { conflicts: unknown[]; forced: boolean };
    expect(kept.conflicts).toEqual([
      { indicator: code, field: "targets.2021", fileValue: 80, currentValue: 85 },
    ]);
    expect(kept.forced).toBe(false);
    const forced = await call("PUT", `/programs/${program.code}?force=true`, admin, program);
    expect(forced.status).toBe(200);
    expect(await forced.json()).toMatchObject({
      status: "updated",
      forced: true,
      conflicts: [{ field: "targets.2021", fileValue: 80, currentValue: 85 }],
    });
    const target = await app.db
      .selectFrom("targets")
      .select("value")
      .where("indicator_code", "=", code)
      .where("year", "=", 2021)
      .executeTakeFirstOrThrow();
    expect(target.value).toBe(80);

    // A later edit, then the current definition downloaded and imported back: nothing changes.
    const later = await call("PATCH", `/indicators/${code}`, manager, {
      reason: "reports are due sooner",
      dueDays: 30,
    });
    expect(later.status).toBe(200);
    const yaml = await call("GET", `/programs/${program.code}/definition.yaml`, admin);
    expect(yaml.status).toBe(200);
    const text = await yaml.text();
    const current = parseProgramDefinition(text);
    expect(current.ok && current.definition.indicators[0]?.dueDays).toBe(30);
    const back = await call("PUT", `/programs/${program.code}`, admin, text);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: "unchanged", conflicts: [] });

    const h = (await (await call("GET", `/indicators/${code}/history`, viewer)).json()) as {
      changes: { kind: string; reason: string }[];
    };
    expect(h.changes.map((c) => [c.kind, c.reason])).toEqual([
      ["edit", "reports are due sooner"],
      ["import", "programme file imported with force"],
      ["edit", "official target"],
    ]);
    const audits = await listAudit(app.db, { entityType: "program", entityId: program.code });
    expect(audits.some((a) => (a.after as { forced?: boolean }).forced === true)).toBe(true);
  });
});
