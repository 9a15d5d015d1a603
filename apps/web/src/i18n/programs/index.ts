import type { Locale } from "@spm/kpi";
import { type ProgramsMessages, programsEn } from "./en";
import { programsKk } from "./kk";
import { programsRu } from "./ru";

export type { ProgramsMessages } from "./en";

const CATALOGUES: Record<Locale, ProgramsMessages> = {
  en: programsEn,
  ru: programsRu,
  kk: programsKk,
};

/** The programme files page's catalogue in the given language. */
export function getProgramsMessages(locale: Locale): ProgramsMessages {
  return CATALOGUES[locale];
}
