import type { Locale } from "@spm/kpi";

const TAGS: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };

/** The BCP 47 tag the charts and date formats of a locale use. */
export function localeTag(locale: Locale): string {
  return TAGS[locale];
}

/** Formats a moment (an upload, a revision) for a reader of the locale. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(value),
  );
}

/** Formats a progress ratio (0.95) as a percentage for a reader of the locale. */
export function formatRatio(value: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: "percent", maximumFractionDigits: 0 }).format(
    value,
  );
}
