import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompletenessCounts,
  expectedFigures,
  type Receipt,
  receiptKey,
  tallyCompleteness,
} from "./completeness";
import type { ProgramDefinition } from "./program";

const name = { en: "", ru: "", kk: "" };
// A yearly national indicator of agency A (2020 due 2021-03-31), a quarterly regional one of
// agency B (30 days after each quarter) and a yearly regional one of no agency.
const program = {
  nation: { code: "ZZ", name },
  regions: [
    { code: "ZZ-N", name },
    { code: "ZZ-S", name },
  ],
  indicators: [
    { code: "NAT", frequency: "yearly", dueDays: 90, disaggregation: "national", agency: "A" },
    { code: "QRT", frequency: "quarterly", dueDays: 30, disaggregation: "regional", agency: "B" },
    { code: "REG", frequency: "yearly", dueDays: 90, disaggregation: "regional" },
  ],
} as unknown as Pick<ProgramDefinition, "nation" | "regions" | "indicators">;

describe("expectedFigures", () => {
  it("expects a national indicator at the nation and a regional one at every region, each period", () => {
    const got = expectedFigures(program, 2020);
    expect(got.map((f) => `${f.indicator} ${f.region} ${f.period} ${f.dueDate}`)).toEqual([
      "NAT ZZ 2020 2021-03-31",
      "QRT ZZ-N 2020Q1 2020-04-30",
      "QRT ZZ-S 2020Q1 2020-04-30",
      "QRT ZZ-N 2020Q2 2020-07-30",
      "QRT ZZ-S 2020Q2 2020-07-30",
      "QRT ZZ-N 2020Q3 2020-10-30",
      "QRT ZZ-S 2020Q3 2020-10-30",
      "QRT ZZ-N 2020Q4 2021-01-30",
      "QRT ZZ-S 2020Q4 2021-01-30",
      "REG ZZ-N 2020 2021-03-31",
      "REG ZZ-S 2020 2021-03-31",
    ]);
    expect(got[0]?.agency).toBe("A");
    expect(got.at(-1)?.agency).toBeNull();
  });
});

describe("tallyCompleteness", () => {
  it("counts a hand-made case on 2020-12-31", () => {
    const receipts = new Map<string, Receipt>([
      // On time, late, and loaded with the programme long after its date (not late).
      [
        receiptKey({ indicator: "QRT", region: "ZZ-N", period: "2020Q1" }),
        { firstOn: "2020-04-20", seeded: false },
      ],
      [
        receiptKey({ indicator: "QRT", region: "ZZ-N", period: "2020Q2" }),
        { firstOn: "2020-08-02", seeded: false },
      ],
      [
        receiptKey({ indicator: "QRT", region: "ZZ-S", period: "2020Q1" }),
        { firstOn: "2026-01-01", seeded: true },
      ],
      // Early: in before its date, not yet due.
      [
        receiptKey({ indicator: "NAT", region: "ZZ", period: "2020" }),
        { firstOn: "2020-12-20", seeded: false },
      ],
    ]);
    const got = tallyCompleteness(
      expectedFigures(program, 2020),
      receipts,
      (r) => r === "ZZ-N",
      "2020-12-31",
    );
    const counts = (
      expected: number,
      due: number,
      received: number,
      approved: number,
      late: number,
      overdue: number,
    ): CompletenessCounts => ({ expected, due, received, approved, late, overdue });
    // Due by 2020-12-31: QRT Q1–Q3 at both regions (6).
    expect(got.total).toEqual(counts(11, 6, 4, 2, 1, 3));
    expect(got.byRegion).toEqual([
      { region: "ZZ", counts: counts(1, 0, 1, 0, 0, 0) },
      { region: "ZZ-N", counts: counts(5, 3, 2, 2, 1, 1) },
      { region: "ZZ-S", counts: counts(5, 3, 1, 0, 0, 2) },
    ]);
    expect(got.byAgency).toEqual([
      { agency: "A", counts: counts(1, 0, 1, 0, 0, 0) },
      { agency: "B", counts: counts(8, 6, 3, 2, 1, 3) },
      { agency: null, counts: counts(2, 0, 0, 0, 0, 0) },
    ]);
  });

  it("keeps its counts consistent whatever is in, approved and the day", () => {
    const expected = expectedFigures(program, 2020);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 900 })), {
          minLength: expected.length,
          maxLength: expected.length,
        }),
        fc.subarray(["ZZ", "ZZ-N", "ZZ-S"]),
        fc.integer({ min: 0, max: 800 }),
        (cells, approvedRegions, day) => {
          const at = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);
          const receipts = new Map<string, Receipt>();
          expected.forEach((f, i) => {
            const [inNow, seeded, d] = cells[i] ?? [false, false, 0];
            if (inNow) receipts.set(receiptKey(f), { firstOn: at(d), seeded });
          });
          const got = tallyCompleteness(
            expected,
            receipts,
            (r) => approvedRegions.includes(r),
            at(day),
          );
          const KEYS = ["expected", "due", "received", "approved", "late", "overdue"] as const;
          const sum = (rows: { counts: CompletenessCounts }[]) =>
            KEYS.map((k) => rows.reduce((n, r) => n + r.counts[k], 0));
          const totals = KEYS.map((k) => got.total[k]);
          const t = got.total;
          return (
            JSON.stringify(sum(got.byRegion)) === JSON.stringify(totals) &&
            JSON.stringify(sum(got.byAgency)) === JSON.stringify(totals) &&
            t.expected === expected.length &&
            t.received === receipts.size &&
            t.approved <= t.received &&
            t.late <= t.received &&
            t.due <= t.expected &&
            t.overdue <= t.due &&
            t.overdue + t.received >= t.due &&
            t.overdue + t.received <= t.expected
          );
        },
      ),
    );
  });
});
