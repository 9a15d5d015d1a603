import type { Locale } from "@spm/kpi";

const TAGS: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };

/**
 * The locales a browser should format the chart's numbers with: Kazakh first, then Russian
 * (the same grouping), for browsers that ship without Kazakh locale data.
 */
export function chartLocales(locale: Locale): string[] {
  return locale === "kk" ? [TAGS.kk, "ru-KZ"] : [TAGS[locale]];
}

// Building an Intl formatter costs far more than using one (a page lists every revision).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  make: () => F,
): F {
  const found = formatters.get(key);
  if (found) return found as F;
  const made = make();
  formatters.set(key, made);
  return made;
}

/** Formats a moment (an upload, a revision) for a reader of the locale. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return formatter(
    `datetime-${locale}`,
    () => new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "medium", timeStyle: "short" }),
  ).format(new Date(value));
}

/** Formats a progress ratio (0.95) as a percentage for a reader of the locale. */
export function formatRatio(value: number, locale: Locale): string {
  return formatter(
    `ratio-${locale}`,
    () => new Intl.NumberFormat(TAGS[locale], { style: "percent", maximumFractionDigits: 0 }),
  ).format(value);
}

/** Formats an ISO date (YYYY-MM-DD) for a reader of the locale. */
export function formatIsoDate(date: string, locale: Locale): string {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return formatter(
    `date-${locale}`,
    () => new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "medium", timeZone: "UTC" }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}
