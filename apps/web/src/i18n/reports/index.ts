import type { Locale } from "@spm/kpi";
import { type ReportsMessages, reportsEn } from "./en";
import { reportsKk } from "./kk";
import { reportsRu } from "./ru";

export type { ReportsMessages } from "./en";

const CATALOGUES: Record<Locale, ReportsMessages> = { en: reportsEn, ru: reportsRu, kk: reportsKk };

/** The reports pages' catalogue in the given language. */
export function getReportsMessages(locale: Locale): ReportsMessages {
  return CATALOGUES[locale];
}
