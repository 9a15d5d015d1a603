import type { Locale } from "@spm/kpi";
import { alertsEn } from "./en";
import { alertsKk } from "./kk";
import { alertsRu } from "./ru";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type AlertsMessages = Widen<typeof alertsEn>;

const CATALOGUES: Record<Locale, AlertsMessages> = { en: alertsEn, ru: alertsRu, kk: alertsKk };

/** The alerts pages' catalogue in the given language. */
export function getAlertsMessages(locale: Locale): AlertsMessages {
  return CATALOGUES[locale];
}
