import type { Locale } from "@spm/kpi";
import { type EntryMessages, entryEn } from "./en";
import { entryKk } from "./kk";
import { entryRu } from "./ru";

export type { EntryMessages } from "./en";

const CATALOGUES: Record<Locale, EntryMessages> = { en: entryEn, ru: entryRu, kk: entryKk };

/** The entry grid's catalogue in the given language. */
export function getEntryMessages(locale: Locale): EntryMessages {
  return CATALOGUES[locale];
}
