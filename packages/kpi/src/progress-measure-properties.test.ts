import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  measureProgress,
  PROGRESS_STATUSES,
  type ProgressQuery,
  targetScore,
  trendScore,
} from "./progress-measure";

// Values in hundredths keep failing cases readable.
const hundredths = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const nonZero = hundredths(-1000, 1000).filter((v) => v !== 0);
const years = fc
  .tuple(
    fc.integer({ min: 2000, max: 2020 }),
    fc.integer({ min: 0, max: 10 }),
    fc.integer({ min: 1, max: 15 }),
  )
  .map(([t0, latest, target]) => ({ t0, t: t0 + latest, tT: t0 + target }));
const queryArb = (values: fc.Arbitrary<number>) =>
  fc
    .record({
      d: fc.constantFrom(1 as const, -1 as const),
      y0: values,
      yt: values,
      yT: values,
      years,
      monitor: fc.boolean(),
      limit: fc.option(hundredths(0, 1000), { nil: undefined }),
    })
    .map(
      (c): ProgressQuery => ({
        d: c.d,
        baseline: { year: c.years.t0, value: c.y0 },
        latest: { year: c.years.t, value: c.yt },
        target: c.monitor ? null : { year: c.years.tT, value: c.yT },
        limit: c.monitor ? c.limit : undefined,
      }),
    );
const negate = (q: ProgressQuery): ProgressQuery => ({
  ...q,
  d: q.d === 1 ? -1 : 1,
  baseline: { ...q.baseline, value: -q.baseline.value },
  latest: { ...q.latest, value: -q.latest.value },
  target: q.target && { ...q.target, value: -q.target.value },
  limit: q.limit == null ? q.limit : -q.limit,
});
const RANK = (s: string) => PROGRESS_STATUSES.indexOf(s as (typeof PROGRESS_STATUSES)[number]);

describe("progress measure properties", () => {
  it("P is sign-symmetric: `decrease` on negated values equals `increase` (no zero values)", () => {
    fc.assert(
      fc.property(queryArb(nonZero), (q) => {
        const a = measureProgress(q);
        const b = measureProgress(negate(q));
        expect(b.status).toBe(a.status);
        expect(b.progress === null).toBe(a.progress === null);
        if (a.progress !== null) expect(b.progress).toBeCloseTo(a.progress, 9);
        if (a.score !== null) expect(b.score).toBeCloseTo(a.score, 9);
      }),
      { numRuns: 1000 },
    );
  });

  it("P of `decrease` is minus P of `increase` on the same values (zeros included)", () => {
    fc.assert(
      fc.property(queryArb(hundredths(-1000, 1000)), (q) => {
        const up = measureProgress({ ...q, d: 1 }).progress;
        const down = measureProgress({ ...q, d: -1 }).progress;
        expect(down === null).toBe(up === null);
        if (up !== null && down !== null) expect(down + up).toBeCloseTo(0, 9);
      }),
      { numRuns: 1000 },
    );
  });

  it("a latest value that reaches the target is always target_achieved, score 5", () => {
    const arb = fc.record({ q: queryArb(hundredths(-1000, 1000)), past: hundredths(0, 500) });
    fc.assert(
      fc.property(arb, ({ q, past }) => {
        const target = q.target ?? { year: q.baseline.year + 5, value: 1 };
        const latest = { ...q.latest, value: target.value + q.d * past };
        const m = measureProgress({ ...q, target, latest });
        expect(m.status).toBe("target_achieved");
        expect(m.score).toBe(5);
      }),
      { numRuns: 1000 },
    );
  });

  it("scores are within [−5, 5], null exactly when P is undefined and nothing is achieved", () => {
    fc.assert(
      fc.property(queryArb(hundredths(-1000, 1000)), (q) => {
        const m = measureProgress(q);
        if (m.status === "target_achieved") expect(m.score).toBe(5);
        else expect(m.score === null).toBe(m.progress === null);
        if (m.score !== null) {
          expect(m.score).toBeGreaterThanOrEqual(-5);
          expect(m.score).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("scores and words are monotone in P (with a target, and without at any C)", () => {
    const p = fc.double({ min: -10, max: 10, noNaN: true });
    // C is 0 (a baseline on its limit) or not vanishingly small: cut-offs must not underflow.
    const coefficient = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true }));
    const arb = fc.record({ p1: p, p2: p, C: coefficient });
    fc.assert(
      fc.property(arb, ({ p1, p2, C }) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const c = { substantial: 0.015 * C, moderate: 0.005 * C, limited: 0 };
        for (const score of [targetScore, (x: number) => trendScore(x, c, C)]) {
          const [a, b] = [score(lo), score(hi)];
          expect(a).toBeLessThanOrEqual(b + 1e-9);
          expect(Math.abs(a)).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a faster latest growth in the wanted direction never gives a worse word", () => {
    const arb = fc.record({ q: queryArb(hundredths(1, 1000)), step: hundredths(0, 100) });
    fc.assert(
      fc.property(arb, ({ q, step }) => {
        const better = {
          ...q,
          latest: { ...q.latest, value: Math.max(0, q.latest.value + q.d * step) },
        };
        expect(RANK(measureProgress(better).status)).toBeLessThanOrEqual(
          RANK(measureProgress(q).status),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
