import { describe, expect, it } from "vitest";
import { aggregateYears, deriveNationalSeries } from "./aggregate";

const quarters = [
  { period: "2018Q1", value: 10 },
  { period: "2018Q3", value: 30 },
  { period: "2018-Q2", value: 20 },
  { period: "2019Q1", value: 5 },
  { period: "2018Q4", value: 40 },
];

describe("aggregateYears", () => {
  it.each([
    ["sum", 100, 5],
    ["last", 40, 5],
    ["mean", 25, 5],
  ] as const)("quarterly %s gives 2018 = %d and 2019 = %d", (aggregation, y2018, y2019) => {
    const { years, ignored } = aggregateYears(quarters, "quarterly", aggregation);
    expect(ignored).toEqual([]);
    expect(years).toEqual([
      { year: 2018, value: y2018, periods: 4, expected: 4, complete: true, lastPeriod: "2018Q4" },
      { year: 2019, value: y2019, periods: 1, expected: 4, complete: false, lastPeriod: "2019Q1" },
    ]);
  });

  it("takes the latest month for `last`, whatever the input order", () => {
    const months = [
      { period: "201805", value: 7 },
      { period: "2018-11", value: 9 },
      { period: "201802", value: 3 },
    ];
    expect(aggregateYears(months, "monthly", "last").years).toEqual([
      { year: 2018, value: 9, periods: 3, expected: 12, complete: false, lastPeriod: "201811" },
    ]);
    expect(aggregateYears(months, "monthly", "mean").years[0]?.value).toBeCloseTo(19 / 3, 12);
  });

  it("keeps the later entry of a duplicated period and ignores foreign or broken periods", () => {
    const { years, ignored } = aggregateYears(
      [
        { period: "2018Q1", value: 1 },
        { period: "2018-Q1", value: 2 },
        { period: "2018", value: 99 },
        { period: "2018Q9", value: 99 },
        { period: "2018Q2", value: Number.NaN },
      ],
      "quarterly",
      "sum",
    );
    expect(years).toEqual([
      { year: 2018, value: 2, periods: 1, expected: 4, complete: false, lastPeriod: "2018Q1" },
    ]);
    expect(ignored.map((v) => v.period)).toEqual(["2018", "2018Q9", "2018Q2"]);
  });

  it("passes yearly values through", () => {
    const { years } = aggregateYears([{ period: "2020", value: 93.5 }], "yearly", "sum");
    expect(years).toEqual([
      { year: 2020, value: 93.5, periods: 1, expected: 1, complete: true, lastPeriod: "2020" },
    ]);
  });
});

describe("deriveNationalSeries", () => {
  const regional = [
    { region: "KZ-ALA", year: 2018, value: 10 },
    { region: "KZ-AST", year: 2018, value: 30 },
    { region: "KZ-ALA", year: 2019, value: 12 },
    { region: "KZ-AST", year: 2019, value: 20 },
    { region: "KZ-ALA", year: 2020, value: 50 },
  ];

  it("sums regions for counts", () => {
    expect(deriveNationalSeries([], regional, "count")).toEqual([
      { year: 2018, value: 40, derived: true, regions: 2 },
      { year: 2019, value: 32, derived: true, regions: 2 },
      { year: 2020, value: 50, derived: true, regions: 1 },
    ]);
  });

  it("averages regions for percentages and numbers", () => {
    expect(deriveNationalSeries([], regional, "percent").map((v) => v.value)).toEqual([20, 16, 50]);
    expect(deriveNationalSeries([], regional, "number").map((v) => v.derived)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("keeps a year the nation reported directly", () => {
    expect(deriveNationalSeries([{ year: 2019, value: 35 }], regional, "count")).toEqual([
      { year: 2018, value: 40, derived: true, regions: 2 },
      { year: 2019, value: 35, derived: false, regions: 0 },
      { year: 2020, value: 50, derived: true, regions: 1 },
    ]);
  });

  it("counts a region once per year (the later entry wins)", () => {
    const twice = [
      { region: "KZ-ALA", year: 2018, value: 10 },
      { region: "KZ-ALA", year: 2018, value: 15 },
    ];
    expect(deriveNationalSeries([], twice, "count")).toEqual([
      { year: 2018, value: 15, derived: true, regions: 1 },
    ]);
  });
});
