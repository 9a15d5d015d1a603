import { type Locale, resolveLocale } from "@spm/kpi";
import { parseCookie } from "cookie";
import type { Request } from "express";

// The dashboard's language cookie reaches the API through its forwarder with the session.
const LOCALE_COOKIE = "spm_lang";

/** The reader's language: the one chosen in the dashboard, else Accept-Language, else Russian. */
export function localeOf(req: Request): Locale {
  const chosen = parseCookie(req.headers.cookie ?? "")[LOCALE_COOKIE];
  return resolveLocale(chosen, req.headers["accept-language"] ?? null);
}
