import { buildProgram } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

// The progress measure through the public API: a programme file with `trajectory: statcan` and
// a monitor's `trend`, its figures carried as history, read back as of 2020-06-01 (evaluated
// live). Target 161.051 (2022) = 100·1.1^5: 116.64 in 2019 grew 8% a year of 10%, P = 0.8.
let app: TestApp;
let admin: string;
let viewer: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await tokenFor(app.db, "admin");
  viewer = await tokenFor(app.db, "viewer");
});
afterAll(() => app?.close());

const source = "test";
// An indicator with a baseline in 2017 and one figure in 2019.
const measured = (baseline: number, value: number) => ({
  baseline: { year: 2017, value: baseline, source },
  history: [{ period: "2019", value, source }],
});
const program = buildProgram({
  indicators: [
    { unit: "number", trajectory: "statcan", targets: { 2022: 161.051 }, ...measured(100, 116.64) },
    {
      unit: "number",
      polarity: "decrease",
      trajectory: "statcan",
      targets: { 2022: 10 },
      ...measured(7.8, 17.7),
    },
    {
      polarity: "monitor",
      targets: {},
      trend: { method: "statcan", direction: "increase", limit: 100 },
      ...measured(90, 91),
    },
  ],
});

async function put(body: unknown): Promise<Response> {
  return fetch(`${app.url}/api/v1/programs/${(body as { code: string }).code}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function trajectoryOf(index: number, lang = "en") {
  const code = program.indicators[index]?.code ?? "";
  const res = await fetch(`${app.url}/api/v1/indicators/${code}?asOf=2020-06-01&lang=${lang}`, {
    headers: { authorization: `Bearer ${viewer}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { status: { trajectory: Record<string, unknown> } };
  return body.status.trajectory;
}

describe("GET /indicators/:code with the statcan method", () => {
  beforeAll(async () => {
    expect((await put(program)).status).toBeLessThan(300);
  });

  it("answers method, progressStatus, score and progress beside the level; nothing projected", async () => {
    const t = await trajectoryOf(0);
    expect(t).toMatchObject({
      level: "acceleration_needed",
      method: "statcan",
      progressStatus: "moderate_progress",
      projected: null,
      reasonCode: "progress_measure",
    });
    expect(t.progress).toBeCloseTo(0.8, 9);
    expect(t.score).toBeCloseTo(1.42862, 9);
    expect(t.reason).toContain("grew by 8% a year, against the 10% a year");
  });

  it("calls a ceiling passed the wrong way deterioration: 7.8 → 17.7 against at most 10", async () => {
    const t = await trajectoryOf(1);
    expect(t).toMatchObject({ level: "off_track", progressStatus: "deterioration", score: -5 });
    expect(t.progress).toBeCloseTo(-9.93955, 5);
  });

  it("gives a monitor's trend its words and score with the natural limit, no level", async () => {
    const t = await trajectoryOf(2, "ru");
    expect(t).toMatchObject({ level: "not_available", progressStatus: "moderate_progress" });
    expect(t.score).toBeCloseTo(2.4570983, 6);
    expect(t.reason).toContain("умеренный прогресс");
  });

  it("refuses statcan for a range indicator, naming the field", async () => {
    const range = buildProgram({ indicators: [{ polarity: "range", targets: { 2022: [1, 2] } }] });
    const bad = {
      ...range,
      indicators: range.indicators.map((i) => ({ ...i, trajectory: "statcan" })),
    };
    const res = await put(bad);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { invalid: { field: string; message: string }[] };
    expect(problem.invalid).toEqual([
      {
        field: `indicators[0] (${bad.indicators[0]?.code}).trajectory`,
        message: "statcan needs a single-number target (increase or decrease)",
      },
    ]);
  });
});
