import type { Locale } from "@spm/kpi";
import { type SourcesMessages, sourcesEn } from "./en";
import { sourcesKk } from "./kk";
import { sourcesRu } from "./ru";

export type { SourcesMessages } from "./en";

const CATALOGUES: Record<Locale, SourcesMessages> = { en: sourcesEn, ru: sourcesRu, kk: sourcesKk };

/** The sources page's catalogue in the given language. */
export function getSourcesMessages(locale: Locale): SourcesMessages {
  return CATALOGUES[locale];
}

/** Why a pull failed, in the reader's language (an unknown code is named as it is). */
export function describeSourceError(
  t: SourcesMessages,
  error: { code: string; params?: Record<string, unknown> },
): { text: string; values: Record<string, string | number> } {
  const known = (t.errors as Record<string, string>)[error.code];
  const status = Number(error.params?.status ?? 0);
  return known
    ? { text: known, values: { status } }
    : { text: t.errors.other, values: { code: error.code } };
}
