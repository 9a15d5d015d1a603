import { LOCALES, type Locale } from "@spm/kpi";
import { en, type Messages } from "./messages/en";
import { kk } from "./messages/kk";
import { ru } from "./messages/ru";

export const CATALOGUES: Record<Locale, Messages> = { en, ru, kk };
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALE_COOKIE = "spm_lang";

/** Picks a supported locale from a cookie value, then an Accept-Language header. */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (cookie && (LOCALES as readonly string[]).includes(cookie)) return cookie as Locale;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(tag)) return tag as Locale;
  }
  return DEFAULT_LOCALE;
}

export { format } from "./format";
