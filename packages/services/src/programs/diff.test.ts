import { buildProgram } from "@spm/db/test/factories";
import type { ProgramDefinition } from "@spm/kpi";
import { describe, expect, it } from "vitest";
import { diffProgramDefinitions } from "./diff";

type Indicator = ProgramDefinition["indicators"][number];
const before = buildProgram({ suffix: "DIFF1", indicators: [{}, {}] });
const [a, b] = before.indicators as [Indicator, Indicator];

describe("diffProgramDefinitions", () => {
  it("lists every indicator of a new programme as created and nothing else", () => {
    expect(diffProgramDefinitions(undefined, before)).toMatchObject({
      created: [a.code, b.code],
      changed: [],
      retired: [],
      program: [],
    });
  });

  it.each([
    [
      "an editable field per year",
      { targets: { ...a.targets, "2019": 61 } },
      "targets.2019",
      60,
      61,
    ],
    ["a field outside the editable ones, whole", { unit: "number" }, "unit", "percent", "number"],
    [
      "the baseline, whole",
      { baseline: { ...a.baseline, value: 41 } },
      "baseline",
      a.baseline,
      { ...a.baseline, value: 41 },
    ],
  ] as const)("names %s with its value before and after", (_what, change, field, was, is) => {
    const after = { ...before, indicators: [{ ...a, ...change } as Indicator, b] };
    expect(diffProgramDefinitions(before, after).changed).toEqual([
      { indicator: a.code, changes: [{ field, before: was, after: is }] },
    ]);
  });

  it("leaves history figures to the import's counts and names retired indicators", () => {
    const history = [{ period: "2016", value: 1, source: "test" }];
    const after = { ...before, indicators: [{ ...a, history }] };
    expect(diffProgramDefinitions(before, after)).toMatchObject({
      created: [],
      changed: [],
      retired: [b.code],
    });
  });
});
