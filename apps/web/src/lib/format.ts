import type { Locale } from "@spm/kpi";

const TAGS: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };

/** Formats a figure for display in the reader's language (grouping, decimal separator). */
export function formatValue(value: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2 }).format(value);
}
