import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { aggregateYears, type PeriodValue, type YearValue } from "./aggregate";
import { addDays } from "./dates";
import { explainStatus } from "./explain";
import { parsePeriod, periodEnd } from "./periods";
import {
  type IndicatorDefinition,
  LOCALES,
  type ProgramDefinition,
  programDefinitionSchema,
} from "./program";
import { computeStatus } from "./status";
import { CURRENT_LEVELS, type IndicatorStatus, TRAJECTORY_LEVELS } from "./status-types";
import { SYNTHETIC_PROGRAM } from "./test-fixtures";

declare global {
  interface ImportMeta {
    glob(
      pattern: string,
      options: { query: "?raw"; import: "default"; eager: true },
    ): Record<string, string>;
  }
}

const FIRST = "2018-01-01";
const LAST = "2023-06-30";

/** Synthetic figures for every period of the programme years: on target, short, or missing. */
function syntheticFigures(ind: IndicatorDefinition, program: ProgramDefinition): PeriodValue[] {
  const per = ind.frequency === "yearly" ? 1 : ind.frequency === "quarterly" ? 4 : 12;
  const figures: PeriodValue[] = [];
  for (let year = program.years.start; year <= program.years.end; year++) {
    if (year === 2021) continue; // a gap, so that overdue shows up
    const target = ind.targets[String(year)];
    const goal = Array.isArray(target)
      ? (target[0] + target[1]) / 2
      : (target ?? ind.baseline.value);
    const value = year === 2019 ? ind.baseline.value : goal;
    for (let i = 1; i <= per; i++) {
      const share = ind.aggregation === "sum" ? value / per : value;
      const amount = ind.unit === "count" ? Math.round(share) : share;
      const period =
        per === 1
          ? String(year)
          : per === 4
            ? `${year}Q${i}`
            : `${year}${String(i).padStart(2, "0")}`;
      figures.push({ period, value: amount });
    }
  }
  return figures;
}

function historyFigures(ind: IndicatorDefinition): PeriodValue[] {
  return ind.history
    .filter((h) => h.region === undefined)
    .map((h) => ({ period: h.period, value: h.value }));
}

// Plain checks in the hot loop (expect() per status would dominate the run time).
function problemsOf(status: IndicatorStatus): string[] {
  const problems: string[] = [];
  if (!(CURRENT_LEVELS as readonly string[]).includes(status.current.level))
    problems.push("current level");
  if (!(TRAJECTORY_LEVELS as readonly string[]).includes(status.trajectory.level))
    problems.push("trajectory level");
  const numbers = [
    status.current.actual,
    status.current.ratio,
    status.trajectory.projected,
    status.trajectory.ratio,
  ];
  if (numbers.some((n) => n !== null && !Number.isFinite(n))) problems.push("non-finite number");
  return problems;
}

/** Yearly series as known at each date: figures count once their period has ended. */
function seriesByDate(ind: IndicatorDefinition, figures: PeriodValue[]) {
  const dated = figures
    .flatMap((f) => {
      const parsed = parsePeriod(f.period);
      return parsed.ok ? [{ ...f, end: periodEnd(parsed.period) }] : [];
    })
    .sort((a, b) => a.end.localeCompare(b.end));
  const cache = new Map<number, YearValue[]>();
  return (asOf: string): YearValue[] => {
    let known = 0;
    while (known < dated.length && (dated[known]?.end ?? "") <= asOf) known++;
    let years = cache.get(known);
    if (!years) {
      years = aggregateYears(dated.slice(0, known), ind.frequency, ind.aggregation).years;
      cache.set(known, years);
    }
    return years;
  };
}

/** Computes every indicator's status for every day, with the figures known on that day. */
function sweep(program: ProgramDefinition, figuresOf: (ind: IndicatorDefinition) => PeriodValue[]) {
  const seen = new Set<string>();
  const problems: string[] = [];
  const indicators = program.indicators.map((ind) => ({
    ind,
    seriesAt: seriesByDate(ind, figuresOf(ind)),
  }));
  for (let day = 0, asOf = FIRST; asOf <= LAST; day++, asOf = addDays(asOf, 1)) {
    for (const { ind, seriesAt } of indicators) {
      const status = computeStatus({
        indicator: ind,
        years: program.years,
        series: seriesAt(asOf),
        asOf,
      });
      for (const problem of problemsOf(status)) problems.push(`${ind.code} ${asOf}: ${problem}`);
      seen.add(status.current.level);
      seen.add(status.trajectory.level);
      if (day % 61 !== 0) continue;
      for (const locale of LOCALES) {
        const text = explainStatus(status, locale);
        if (/[{}]|NaN|undefined/.test(`${text.current} ${text.trajectory}`)) {
          problems.push(`${ind.code} ${asOf}: explanation in ${locale}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
  return seen;
}

describe("every indicator gets a status on every day from 2018-01-01 to 2023-06-30", () => {
  it("for the synthetic programme, with figures", () => {
    const seen = sweep(SYNTHETIC_PROGRAM, (ind) => syntheticFigures(ind, SYNTHETIC_PROGRAM));
    for (const level of [
      "green",
      "red",
      "overdue",
      "none",
      "grey",
      "achieved",
      "on_track",
      "off_track",
    ]) {
      expect(seen).toContain(level);
    }
  });

  it("for the synthetic programme, without figures", () => {
    const seen = sweep(SYNTHETIC_PROGRAM, () => []);
    expect([...seen].sort()).toEqual(["grey", "none", "not_available", "overdue"]);
  });

  const seeds = import.meta.glob("../../db/seed/*.yaml", {
    query: "?raw",
    import: "default",
    eager: true,
  });
  it.skipIf(Object.keys(seeds).length === 0).each(Object.entries(seeds))(
    "for the seed %s, with its history and with synthetic figures",
    (_, text) => {
      const program = programDefinitionSchema.parse(parse(text));
      sweep(program, historyFigures);
      sweep(program, (ind) => [...historyFigures(ind), ...syntheticFigures(ind, program)]);
    },
  );
});
