import type { Locale } from "@spm/kpi";
import { qualityEn } from "./en";
import { qualityKk } from "./kk";
import { qualityRu } from "./ru";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type QualityMessages = Widen<typeof qualityEn>;

const CATALOGUES: Record<Locale, QualityMessages> = { en: qualityEn, ru: qualityRu, kk: qualityKk };

/** The data-quality page's catalogue in the given language. */
export function getQualityMessages(locale: Locale): QualityMessages {
  return CATALOGUES[locale];
}
