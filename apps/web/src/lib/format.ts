import { type Locale, parsePeriod, type TargetValue } from "@spm/kpi";

const TAGS: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };
// Building an Intl formatter costs far more than using one (pages format hundreds of figures).
const FORMATTERS = new Map<Locale, Intl.NumberFormat>();

/** Formats a figure for display in the reader's language (grouping, decimal separator). */
export function formatValue(value: number, locale: Locale): string {
  let formatter = FORMATTERS.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2 });
    FORMATTERS.set(locale, formatter);
  }
  return formatter.format(value);
}

/** Formats a target (a number, or `[min, max]` for a range indicator), or a dash when absent. */
export function formatTarget(target: TargetValue | null, locale: Locale, unit: string): string {
  if (target === null) return "—";
  if (Array.isArray(target))
    return `${formatValue(target[0], locale)}–${formatValue(target[1], locale)}${unit}`;
  return `${formatValue(target, locale)}${unit}`;
}

/** A calendar day (YYYY-MM-DD) written out in the reader's language. */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

const QUARTER: Record<Locale, (year: number, quarter: number) => string> = {
  en: (y, q) => `Q${q} ${y}`,
  ru: (y, q) => `${q}-й квартал ${y} г.`,
  kk: (y, q) => `${y} ж. ${q}-тоқсан`,
};

/** A period (`2026`, `2026Q4`, `202612`) as people say it: "December 2026", "4-й квартал 2026 г.". */
export function formatPeriodName(period: string, locale: Locale): string {
  const parsed = parsePeriod(period);
  if (!parsed.ok) return period;
  const p = parsed.period;
  if (p.frequency === "yearly") return String(p.year);
  if (p.frequency === "quarterly") return QUARTER[locale](p.year, p.quarter);
  return new Intl.DateTimeFormat(TAGS[locale], {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(p.year, p.month - 1, 1)));
}
