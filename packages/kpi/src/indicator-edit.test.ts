import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyIndicatorPatch,
  diffIndicator,
  editableValues,
  type IndicatorPatch,
  indicatorPatchSchema,
  mergeIndicator,
  sameValue,
  targetSourceOf,
} from "./indicator-edit";
import { type IndicatorDefinition, programDefinitionSchema } from "./program";
import { SYNTHETIC_PROGRAM, SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";

const PCT_UP = SYNTHETIC_PROGRAM.indicators.find((i) => i.code === "PCT_UP") as IndicatorDefinition;

/** Patches a manager could send for PCT_UP (years of the programme, single-number targets). */
const patchArb: fc.Arbitrary<IndicatorPatch> = fc
  .record(
    {
      targets: fc.dictionary(
        fc.constantFrom("2018", "2019", "2020", "2021", "2022"),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      ),
      targetsSource: fc.constantFrom("official" as const, "illustrative" as const),
      thresholds: fc.constantFrom({ green: 0.9, amber: 0.5 }, { green: 0.95, amber: 0.6 }),
      trajectory: fc.constantFrom("linear" as const, "cagr" as const),
      dueDays: fc.integer({ min: 0, max: 730 }),
      owner: fc.option(fc.constantFrom("Ministry A", "Ministry B"), { nil: null }),
    },
    { requiredKeys: [] },
  )
  .map((p) => ({ reason: "because", ...p }));

describe("the patch of an indicator", () => {
  it("needs a reason and a field to change, and names an unknown field", () => {
    expect(indicatorPatchSchema.safeParse({ dueDays: 10 }).success).toBe(false);
    expect(indicatorPatchSchema.safeParse({ reason: "ok then" }).success).toBe(false);
    const unknown = indicatorPatchSchema.safeParse({ reason: "because", baseline: 1 });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain("baseline");
    expect(indicatorPatchSchema.safeParse({ reason: "because", dueDays: 10 }).success).toBe(true);
  });

  it("takes a polarity reason and an owner plain or in ru, kk and en, like a programme file", () => {
    const text = { ru: "Больше — лучше", kk: "Көбірек — жақсырақ", en: "More is better" };
    const patch = { reason: "translated", polarityReason: text, owner: "MIA" };
    const parsed = indicatorPatchSchema.parse(patch);
    const next = applyIndicatorPatch(PCT_UP, parsed);
    expect(next.polarityReason).toEqual(text);
    expect(
      programDefinitionSchema.safeParse({
        ...SYNTHETIC_PROGRAM_INPUT,
        indicators: SYNTHETIC_PROGRAM.indicators.map((i) => (i.code === PCT_UP.code ? next : i)),
      }).success,
    ).toBe(true);
    const partial = { reason: "translated", owner: { ru: "МВД", en: "MIA" } };
    expect(indicatorPatchSchema.safeParse(partial).success).toBe(false);
    const long = { reason: "translated", owner: { ru: "x".repeat(201), kk: "x", en: "x" } };
    expect(indicatorPatchSchema.safeParse(long).success).toBe(false);
  });

  it("changes only the years it names; null removes a year and its standing", () => {
    const withSource: IndicatorDefinition = {
      ...PCT_UP,
      targetSources: { "2019": { kind: "official", document: "Decree 1" } },
    };
    const next = applyIndicatorPatch(withSource, {
      reason: "decree",
      targets: { "2021": 99, "2019": null },
    });
    expect(next.targets).toEqual({ "2018": 93, "2020": 95, "2021": 99, "2022": 97 });
    expect(next.targetSources).toBeUndefined();
    expect(withSource.targets["2019"]).toBe(94);
  });

  it("is exactly what the diff then reports (property)", () => {
    fc.assert(
      fc.property(patchArb, (patch) => {
        const after = applyIndicatorPatch(PCT_UP, patch);
        const changed = new Set(diffIndicator(PCT_UP, after).map((c) => c.field));
        const before = editableValues(PCT_UP);
        const now = editableValues(after);
        for (const key of new Set([...before.keys(), ...now.keys()]))
          expect(changed.has(key)).toBe(!sameValue(before.get(key), now.get(key)));
        expect(diffIndicator(after, after)).toEqual([]);
      }),
    );
  });

  it("gives each year its own standing, falling back to the indicator's", () => {
    const ind: IndicatorDefinition = {
      ...PCT_UP,
      targetsSource: "illustrative",
      targetSources: { "2021": { kind: "official" } },
    };
    expect(targetSourceOf(ind, 2021)).toBe("official");
    expect(targetSourceOf(ind, 2022)).toBe("illustrative");
  });

  it("is refused by the programme schema when a standing names a year without a target", () => {
    const input = JSON.parse(JSON.stringify(SYNTHETIC_PROGRAM_INPUT)) as {
      indicators: Record<string, unknown>[];
    };
    const first = input.indicators[0] as Record<string, unknown>;
    first.targetSources = { "2030": { kind: "official" } };
    const result = programDefinitionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(
      "indicators.0.targetSources.2030",
    );
  });
});

describe("merging a programme file with managers' edits", () => {
  it("takes the file where no one edited, keeps and names every edit the file differs on (property)", () => {
    fc.assert(
      fc.property(patchArb, patchArb, (managers, file) => {
        const current = applyIndicatorPatch(PCT_UP, managers);
        const incoming = applyIndicatorPatch(PCT_UP, file);
        // Nobody edited since the import: the file wins whole, no conflicts.
        const clean = mergeIndicator(PCT_UP, PCT_UP, incoming, false);
        expect(clean.conflicts).toEqual([]);
        expect(diffIndicator(clean.merged, incoming)).toEqual([]);
        // The same file imported again: the edits stay, each named as a conflict.
        const again = mergeIndicator(PCT_UP, current, PCT_UP, false);
        expect(again.conflicts.map((c) => c.field)).toEqual(
          diffIndicator(PCT_UP, current).map((c) => c.field),
        );
        expect(diffIndicator(again.merged, current)).toEqual([]);
        // The current definition imported back (a downloaded definition.yaml): nothing to name.
        const back = mergeIndicator(PCT_UP, current, current, false);
        expect(back.conflicts).toEqual([]);
        expect(diffIndicator(back.merged, current)).toEqual([]);
        // Both changed: every conflict is a field both touched with different values.
        const both = mergeIndicator(PCT_UP, current, incoming, false);
        const edited = new Set(diffIndicator(PCT_UP, current).map((c) => c.field));
        for (const c of both.conflicts) {
          expect(edited.has(c.field)).toBe(true);
          expect(sameValue(c.fileValue, c.currentValue)).toBe(false);
        }
        // Forced: the file wins whole, the same conflicts are named.
        const forced = mergeIndicator(PCT_UP, current, incoming, true);
        expect(diffIndicator(forced.merged, incoming)).toEqual([]);
        expect(forced.conflicts).toEqual(both.conflicts);
      }),
    );
  });

  it("names the field, the file's value and the current one", () => {
    const current = applyIndicatorPatch(PCT_UP, { reason: "decree", targets: { "2021": 99 } });
    const incoming = applyIndicatorPatch(PCT_UP, { reason: "file", targets: { "2021": 98 } });
    const { merged, conflicts } = mergeIndicator(PCT_UP, current, incoming, false);
    expect(conflicts).toEqual([
      { indicator: "PCT_UP", field: "targets.2021", fileValue: 98, currentValue: 99 },
    ]);
    expect(merged.targets["2021"]).toBe(99);
  });
});
