import type { Locale, TargetValue } from "@spm/kpi";

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
