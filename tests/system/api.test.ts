import { beforeAll, describe, expect, inject, it } from "vitest";
import { tokenFor } from "../support";

const api = inject("apiUrl");
const web = inject("webUrl");
let auth: { authorization: string };

beforeAll(async () => {
  auth = { authorization: `Bearer ${await tokenFor("viewer")}` };
});

describe("ingest API (real process, real Postgres and Redis)", () => {
  it("answers liveness and readiness with both dependencies up", async () => {
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", postgres: "up", redis: "up" });
  });

  it("exposes Prometheus metrics", async () => {
    const res = await fetch(`${api}/metrics`);
    expect(res.status).toBe(200);
    let text = await res.text();
    expect(text).toMatch(/^# HELP process_cpu_user_seconds_total/m);
    // The seed's default rule fires for every overdue national figure once the worker's first
    // status refresh and alert evaluation ran (seconds after it started).
    for (let i = 0; i < 100 && !/^spm_alerts\{state="firing"\} [1-9]/m.test(text); i++) {
      await new Promise((r) => setTimeout(r, 200));
      text = await (await fetch(`${api}/metrics`)).text();
    }
    expect(text).toMatch(/^spm_alerts\{state="firing"\} [1-9]\d*$/m);
  });

  it("lists the seeded indicators with a status computed as of the given date", async () => {
    const res = await fetch(`${api}/api/v1/indicators?asOf=2026-11-26`, { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      indicators: { code: string; status: { current: { level: string } } }[];
    };
    const codes = body.indicators.map((i) => i.code);
    for (const code of [
      "HQ_READINESS",
      "MATERIALS_BLOCKED",
      "ATTACKS_PREVENTED",
      "TERROR_CONVICTIONS",
    ]) {
      expect(codes).toContain(code);
    }
    // The article's figures end in 2017: every programme year is due, none has a value.
    const hq = body.indicators.find((i) => i.code === "HQ_READINESS");
    expect(hq?.status.current.level).toBe("overdue");
  });

  it("returns one indicator with its definition, series and the status shape of DESIGN.md", async () => {
    const res = await fetch(`${api}/api/v1/indicators/HQ_READINESS?asOf=2018-06-30`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & {
      baseline: unknown;
      status: { current: Record<string, unknown>; trajectory: unknown };
    };
    expect(body.baseline).toMatchObject({ year: 2017, value: 92 });
    expect(body.targetsSource).toBe("illustrative");
    expect(body.status.current).toMatchObject({ level: "grey", baseline: 92 });
    expect(body.status.trajectory).toMatchObject({ level: "not_available" });
    expect(typeof body.status.current.reason).toBe("string");
  });

  it("refuses reads without credentials (401 problem+json)", async () => {
    const res = await fetch(`${api}/api/v1/indicators`);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  });

  it("answers an unknown indicator with problem+json 404", async () => {
    const res = await fetch(`${api}/api/v1/indicators/NO_SUCH_THING`, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, title: "Not Found" });
  });

  it("refuses a malformed as-of date with a specific 400", async () => {
    const res = await fetch(`${api}/api/v1/indicators/HQ_READINESS?asOf=2018-13-45`, {
      headers: auth,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, invalid: [{ field: "asOf" }] });
  });

  it("is reachable through the dashboard's own origin (/api/* forwarded)", async () => {
    const res = await fetch(`${web}/api/v1/indicators/ATTACKS_PREVENTED`, { headers: auth });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { code: string }).code).toBe("ATTACKS_PREVENTED");
  });
});
