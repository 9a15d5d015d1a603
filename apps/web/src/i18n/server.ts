import type { Locale } from "@spm/kpi";
import { cookies, headers } from "next/headers";
import { CATALOGUES, LOCALE_COOKIE, resolveLocale } from "./index";

/** The request's locale and catalogue, for server components. */
export async function getMessages() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale: Locale = resolveLocale(
    cookieStore.get(LOCALE_COOKIE)?.value,
    headerStore.get("accept-language"),
  );
  return { locale, t: CATALOGUES[locale] };
}
