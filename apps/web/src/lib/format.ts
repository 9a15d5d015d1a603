import type { Locale, TargetValue } from "@spm/kpi";

const TAGS: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", kk: "kk-KZ" };

/** Formats a figure for display in the reader's language (grouping, decimal separator). */
export function formatValue(value: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2 }).format(value);
}

/** Formats a target (a number, or `[min, max]` for a range indicator), or a dash when absent. */
export function formatTarget(target: TargetValue | null, locale: Locale, unit: string): string {
  if (target === null) return "—";
  if (Array.isArray(target))
    return `${formatValue(target[0], locale)}–${formatValue(target[1], locale)}${unit}`;
  return `${formatValue(target, locale)}${unit}`;
}
