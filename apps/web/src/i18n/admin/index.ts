import type { Locale } from "@spm/kpi";
import { type AdminMessages, adminEn } from "./en";
import { adminKk } from "./kk";
import { adminRu } from "./ru";

export type { AdminMessages } from "./en";

const CATALOGUES: Record<Locale, AdminMessages> = { en: adminEn, ru: adminRu, kk: adminKk };

/** The administration area's catalogue in the given language. */
export function getAdminMessages(locale: Locale): AdminMessages {
  return CATALOGUES[locale];
}
