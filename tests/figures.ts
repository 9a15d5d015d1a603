// Synthetic programmes and figures for tests that need many distinct figures: monthly
// regional indicators over 156 months (2010–2022) in three places (the nation and two regions).
import { buildProgram } from "@spm/db/test/factories";

const MONTHS = Array.from(
  { length: 156 },
  (_, i) => `${2010 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, "0")}`,
);
const PLACES = ["", "ZZ-N", "ZZ-S"];

/** A programme of `count` monthly regional indicators (mean of months), with their codes. */
export function monthlyProgram(count: number) {
  const program = buildProgram({
    indicators: Array.from({ length: count }, () => ({
      frequency: "monthly" as const,
      aggregation: "mean" as const,
      unit: "number" as const,
      disaggregation: "regional" as const,
    })),
  });
  return { program, codes: program.indicators.map((i) => i.code) };
}

/** The i-th distinct figure key of such a programme (`count × 3 × 156` of them in all). */
export function figureKey(codes: readonly string[], i: number) {
  const rest = Math.floor(i / codes.length);
  return {
    indicator: codes[i % codes.length] as string,
    period: MONTHS[rest % MONTHS.length] as string,
    region: PLACES[Math.floor(rest / MONTHS.length) % PLACES.length] as string,
  };
}
