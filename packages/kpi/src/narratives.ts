/**
 * Narratives (DESIGN.md, "Managing a programme"): per indicator × place × year, why the figure
 * deviates and what is being done, in one or more of the programme's languages.
 */
import { z } from "zod";
import { LOCALES, type Locale } from "./locales";
import type { ProgramDefinition } from "./program";

const text = z.string().trim().min(1).max(4000);

/** Texts in one or more languages (at least one). */
export const someLanguagesSchema = z
  .strictObject({ ru: text.optional(), kk: text.optional(), en: text.optional() })
  .refine((t) => LOCALES.some((l) => t[l] !== undefined), {
    message: "write it in at least one of ru, kk, en",
  });
export type SomeLanguages = z.infer<typeof someLanguagesSchema>;

/** The body of `PUT /indicators/:code/narratives/:year`. */
export const narrativeBodySchema = z.strictObject({
  explanation: someLanguagesSchema,
  measures: someLanguagesSchema.optional(),
});
export type NarrativeBody = z.infer<typeof narrativeBodySchema>;

/** The year levels that need a narrative in a programme (absent: red). */
export function narrativeLevels(
  program: Pick<ProgramDefinition, "narrativeRequiredFor">,
): string[] {
  return program.narrativeRequiredFor ?? ["red"];
}

/** Whether a year at `level` needs a narrative in this programme. */
export function needsNarrative(
  program: Pick<ProgramDefinition, "narrativeRequiredFor">,
  level: string,
): boolean {
  return narrativeLevels(program).includes(level);
}

/**
 * A text for a reader of `locale`: theirs when written, else the first written of ru, kk, en
 * with its language, so a page can say the text is in another language.
 */
export function textFor(
  texts: SomeLanguages,
  locale: Locale,
): { text: string; lang: Locale } | undefined {
  const own = texts[locale];
  if (own !== undefined) return { text: own, lang: locale };
  for (const lang of ["ru", "kk", "en"] as const) {
    const other = texts[lang];
    if (other !== undefined) return { text: other, lang };
  }
  return undefined;
}
