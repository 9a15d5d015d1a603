import type { Locale } from "@spm/kpi";
import type { IndicatorMessages } from "~/i18n/indicator";
import type { Messages } from "~/i18n/messages/en";
import { datesQuery } from "~/lib/view-dates";
import type { IndicatorPageData, PageQuery } from "../data";

/** What every section of the indicator page reads: the data, the view and the texts. */
export interface SectionContext {
  data: IndicatorPageData;
  query: PageQuery;
  locale: Locale;
  t: IndicatorMessages;
  common: Messages;
  /** The indicator's unit as shown after a value. */
  unit: string;
  /** A value with its unit, or the text for "no value". */
  value: (v: number | null) => string;
}

/** A link to the indicator page for another region, keeping the days and the filters. */
export function hrefOf(ctx: SectionContext, region: string): string {
  const { data, query } = ctx;
  const search = new URLSearchParams(query.keep);
  if (region !== data.nationCode) search.set("region", region);
  search.set("asOf", query.asOf);
  if (query.reportedOn) search.set("reportedOn", query.reportedOn);
  return `/indicators/${encodeURIComponent(data.view.indicator.code)}?${search.toString()}`;
}

/** The overview as the reader left it: its filters, with this page's region and days. */
export function backHref(ctx: SectionContext): string {
  const { data, query } = ctx;
  const search = new URLSearchParams({ ...query.keep, program: data.program.code });
  if (data.region !== data.nationCode) search.set("region", data.region);
  for (const [key, value] of Object.entries(datesQuery(query))) search.set(key, value);
  // A year's end is the year's own view: the overview shows the year chosen.
  if (search.get("asOf") === `${search.get("year")}-12-31`) search.delete("asOf");
  return `/?${search.toString()}`;
}
