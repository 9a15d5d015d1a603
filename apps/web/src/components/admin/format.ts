import type { Locale } from "@spm/kpi";

const TAGS: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };

/** A moment in the reader's language, in UTC and saying so (servers and readers differ in zone). */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
}

/** Compact one-line JSON of an audit value, or null when there is none. */
export function compactJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
