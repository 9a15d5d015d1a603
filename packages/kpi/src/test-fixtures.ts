/** Shared test data: a synthetic programme covering every polarity, unit and frequency. */
import { type ProgramDefinition, programDefinitionSchema } from "./program";
import type { StatusIndicator, StatusQuery } from "./status-types";

const text = (en: string) => ({ en, ru: `${en} (ru)`, kk: `${en} (kk)` });
const source = "synthetic test data";
const yearly = (values: number[]) =>
  Object.fromEntries(values.map((v, i) => [String(2018 + i), v]));

/** The raw definition (as a YAML file would give it). */
export const SYNTHETIC_PROGRAM_INPUT = {
  code: "TEST-PROG-2018-2022",
  name: text("Test programme"),
  years: { history: 2010, baseline: 2017, start: 2018, end: 2022 },
  nation: { code: "KZ", name: text("Kazakhstan") },
  directions: [
    { code: "D1", name: text("Direction one") },
    { code: "D2", name: text("Direction two") },
  ],
  regions: [
    { code: "KZ-ALA", name: text("Almaty") },
    { code: "KZ-AST", name: text("Astana") },
  ],
  indicators: [
    {
      code: "PCT_UP",
      direction: "D1",
      name: text("Percent, increase, yearly"),
      unit: "percent",
      polarity: "increase",
      baseline: { year: 2017, value: 92, source },
      targets: yearly([93, 94, 95, 96, 97]),
      dueDays: 45,
      history: [{ period: 2016, value: 91, source }],
    },
    {
      code: "CNT_DOWN",
      direction: "D1",
      name: text("Count, decrease, yearly, regional"),
      unit: "count",
      polarity: "decrease",
      disaggregation: "regional",
      baseline: { year: 2017, value: 100, source },
      targets: yearly([90, 80, 70, 60, 50]),
      trajectory: "cagr",
    },
    {
      code: "RANGE_NUM",
      direction: "D2",
      name: text("Number, range, yearly"),
      unit: "number",
      polarity: "range",
      baseline: { year: 2017, value: 30, source },
      targets: Object.fromEntries([2018, 2019, 2020, 2021, 2022].map((y) => [String(y), [40, 60]])),
    },
    {
      code: "MON_Q",
      direction: "D2",
      name: text("Count, monitor, quarterly, sum, regional"),
      unit: "count",
      polarity: "monitor",
      frequency: "quarterly",
      aggregation: "sum",
      disaggregation: "regional",
      baseline: { year: 2017, value: 10, source },
      targets: {},
    },
    {
      code: "SUM_Q",
      direction: "D2",
      name: text("Count, increase, quarterly, sum"),
      unit: "count",
      polarity: "increase",
      frequency: "quarterly",
      aggregation: "sum",
      baseline: { year: 2017, value: 400, source },
      targets: yearly([440, 480, 520, 560, 600]),
      trajectory: "cagr",
      dueDays: 30,
      history: [{ period: "2017-Q4", value: 100, source }],
    },
    {
      code: "MEAN_M",
      direction: "D1",
      name: text("Percent, decrease, monthly, mean"),
      unit: "percent",
      polarity: "decrease",
      frequency: "monthly",
      aggregation: "mean",
      baseline: { year: 2017, value: 20, source },
      targets: yearly([18, 16, 14, 12, 10]),
      dueDays: 0,
    },
    {
      code: "FLAT_NUM",
      direction: "D1",
      name: text("Number, increase, target equal to baseline"),
      unit: "number",
      polarity: "increase",
      baseline: { year: 2017, value: 50, source },
      targets: yearly([50, 50, 50, 50, 50]),
      thresholds: { green: 0.9, amber: 0.5 },
    },
  ],
};

/** The synthetic programme, parsed (defaults applied). */
export const SYNTHETIC_PROGRAM: ProgramDefinition =
  programDefinitionSchema.parse(SYNTHETIC_PROGRAM_INPUT);

/** The programme years used by status tests. */
export const YEARS = { baseline: 2017, start: 2018, end: 2022 } as const;

/** A percent increase indicator: baseline 92 (2017), targets 93..97 for 2018..2022, due 45 days. */
export const PERCENT_UP: StatusIndicator = {
  unit: "percent",
  polarity: "increase",
  aggregation: "last",
  targets: { 2018: 93, 2019: 94, 2020: 95, 2021: 96, 2022: 97 },
  thresholds: { green: 0.95, amber: 0.6 },
  trajectory: "linear",
  dueDays: 45,
  baseline: { year: 2017, value: 92 },
};

/** Builds a status query from the percent indicator with some fields replaced. */
export function query(
  indicator: Partial<StatusIndicator>,
  series: [number, number][],
  asOf: string,
): StatusQuery {
  return {
    indicator: { ...PERCENT_UP, ...indicator },
    years: YEARS,
    series: series.map(([year, value]) => ({ year, value })),
    asOf,
  };
}
