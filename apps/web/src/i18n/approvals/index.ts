import type { Locale } from "@spm/kpi";
import { type ApprovalsMessages, approvalsEn } from "./en";
import { approvalsKk } from "./kk";
import { approvalsRu } from "./ru";

export type { ApprovalsMessages } from "./en";

const CATALOGUES: Record<Locale, ApprovalsMessages> = {
  en: approvalsEn,
  ru: approvalsRu,
  kk: approvalsKk,
};

/** The approvals page's catalogue in the given language. */
export function getApprovalsMessages(locale: Locale): ApprovalsMessages {
  return CATALOGUES[locale];
}
