/** The languages of the interface, messages and notifications. */
export const LOCALES = ["en", "ru", "kk"] as const;
/** One language. */
export type Locale = (typeof LOCALES)[number];

/** The language used when neither the reader's choice nor the browser names a known one. */
export const DEFAULT_LOCALE: Locale = "ru";

/** Picks a supported locale from the reader's chosen one (cookie), then an Accept-Language header. */
export function resolveLocale(chosen: string | undefined, acceptLanguage: string | null): Locale {
  if (chosen && (LOCALES as readonly string[]).includes(chosen)) return chosen as Locale;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(tag)) return tag as Locale;
  }
  return DEFAULT_LOCALE;
}
