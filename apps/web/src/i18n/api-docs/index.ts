import type { Locale } from "@spm/kpi";
import { apiDocsEn } from "./en";
import { apiDocsKk } from "./kk";
import { apiDocsRu } from "./ru";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type ApiDocsMessages = Widen<typeof apiDocsEn>;

const CATALOGUES: Record<Locale, ApiDocsMessages> = { en: apiDocsEn, ru: apiDocsRu, kk: apiDocsKk };

/** The API description page's catalogue in the given language. */
export function getApiDocsMessages(locale: Locale): ApiDocsMessages {
  return CATALOGUES[locale];
}
