import type { Locale } from "@spm/kpi";
import type { AnnualReport } from "@spm/services";
import type { Messages } from "~/i18n/messages/en";
import type { ReportsMessages } from "~/i18n/reports";

/** What every section of the annual report reads: the report and its texts in its language. */
export interface ReportContext {
  report: AnnualReport;
  locale: Locale;
  t: ReportsMessages;
  common: Messages;
  /** An indicator's name in the report's language, by code. */
  nameOf: (code: string) => string;
  /** A value with its unit, or the mark of a withheld (confidential) or missing one. */
  value: (v: number | null, unit: string, withheld?: boolean) => string;
}
