import type { Locale } from "@spm/kpi";
import { type IndicatorMessages, indicatorEn } from "./en";
import { indicatorKk } from "./kk";
import { indicatorRu } from "./ru";

export type { IndicatorMessages } from "./en";

const CATALOGUES: Record<Locale, IndicatorMessages> = {
  en: indicatorEn,
  ru: indicatorRu,
  kk: indicatorKk,
};

/** The indicator page's catalogue in the given language. */
export function getIndicatorMessages(locale: Locale): IndicatorMessages {
  return CATALOGUES[locale];
}
