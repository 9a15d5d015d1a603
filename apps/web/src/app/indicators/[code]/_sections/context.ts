import type { Locale } from "@spm/kpi";
import type { IndicatorMessages } from "~/i18n/indicator";
import type { Messages } from "~/i18n/messages/en";
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

/** A link to the indicator page for another region, keeping the as-of date. */
export function hrefOf(ctx: SectionContext, region: string): string {
  const { data, query } = ctx;
  const search = new URLSearchParams();
  if (region !== data.nationCode) search.set("region", region);
  search.set("asOf", query.asOf);
  return `/indicators/${encodeURIComponent(data.view.indicator.code)}?${search.toString()}`;
}
