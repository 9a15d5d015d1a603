import { DEFAULT_LOCALE, type Locale, resolveLocale } from "@spm/kpi";
import { en, type Messages } from "./messages/en";
import { kk } from "./messages/kk";
import { ru } from "./messages/ru";

export const CATALOGUES: Record<Locale, Messages> = { en, ru, kk };
export const LOCALE_COOKIE = "spm_lang";

export { format } from "./format";
// One rule for the pages and the API: the chosen language (cookie), then Accept-Language.
export { DEFAULT_LOCALE, resolveLocale };
