import type { Locale } from "@spm/kpi";
import { type UploadsMessages, uploadsEn } from "./en";
import { uploadsKk } from "./kk";
import { uploadsRu } from "./ru";

export type { UploadsMessages } from "./en";

const CATALOGUES: Record<Locale, UploadsMessages> = { en: uploadsEn, ru: uploadsRu, kk: uploadsKk };

/** The uploads page's catalogue in the given language. */
export function getUploadsMessages(locale: Locale): UploadsMessages {
  return CATALOGUES[locale];
}
