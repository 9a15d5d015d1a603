import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { narrativeBodySchema, needsNarrative, someLanguagesSchema, textFor } from "./narratives";

describe("narratives", () => {
  it("need at least one language, and nothing else", () => {
    expect(someLanguagesSchema.safeParse({}).success).toBe(false);
    expect(someLanguagesSchema.safeParse({ ru: "  " }).success).toBe(false);
    expect(someLanguagesSchema.safeParse({ de: "Text" }).success).toBe(false);
    expect(narrativeBodySchema.safeParse({ explanation: { kk: "Себебі" } }).success).toBe(true);
    expect(narrativeBodySchema.safeParse({ explanation: { kk: "x" }, extra: 1 }).success).toBe(
      false,
    );
  });

  it("are asked for red years unless the programme says otherwise", () => {
    expect(needsNarrative({}, "red")).toBe(true);
    expect(needsNarrative({}, "amber")).toBe(false);
    expect(needsNarrative({ narrativeRequiredFor: ["amber"] }, "red")).toBe(false);
    expect(needsNarrative({ narrativeRequiredFor: [] }, "red")).toBe(false);
  });

  it("are read in the reader's language when written in it, else in a written one (property)", () => {
    const texts = fc.record(
      { ru: fc.constant("ru text"), kk: fc.constant("kk text"), en: fc.constant("en text") },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(texts, fc.constantFrom(...LOCALES), (t, locale) => {
        const got = textFor(t, locale);
        if (Object.keys(t).length === 0) {
          expect(got).toBeUndefined();
          return;
        }
        expect(got?.text).toBe(`${got?.lang} text`);
        expect(got?.lang === locale).toBe(t[locale] !== undefined);
      }),
    );
  });
});
