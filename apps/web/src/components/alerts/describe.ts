// Words for rules and alerts, shared by the alerts pages and the inbox.
import type { AlertRule, Locale, ProgramDefinition } from "@spm/kpi";
import { formatDateTime } from "~/components/indicator/format";
import { format } from "~/i18n";
import type { AlertsMessages } from "~/i18n/alerts";
import type { Messages } from "~/i18n/messages/en";
import { formatValue } from "~/lib/format";

type Named = { name: Record<string, string> };

/** A programme's text in the reader's language (Kazakh falls back to Russian, then English). */
export function localName(item: Named | undefined, locale: Locale, fallback: string): string {
  if (!item) return fallback;
  return item.name[locale] ?? item.name.ru ?? item.name.en ?? fallback;
}

/** Lookups of indicator and place names across programmes. */
export function nameBook(programs: ProgramDefinition[], locale: Locale) {
  const indicators = new Map<string, string>();
  const places = new Map<string, string>();
  for (const p of programs) {
    for (const i of p.indicators) indicators.set(i.code, localName(i, locale, i.code));
    places.set(p.nation.code, localName(p.nation, locale, p.nation.code));
    for (const r of p.regions) places.set(r.code, localName(r, locale, r.code));
  }
  return {
    indicator: (code: string) => indicators.get(code) ?? code,
    place: (code: string) => places.get(code) ?? code,
  };
}

/** "all indicators · national figures". */
export function describeScope(rule: AlertRule, t: AlertsMessages): string {
  const { indicators, regions } = rule.scope;
  const what =
    indicators === "all"
      ? t.rules.allIndicators
      : "direction" in indicators
        ? format(t.rules.direction, { code: indicators.direction })
        : format(t.rules.indicator, { code: indicators.indicator });
  const where =
    regions === "all"
      ? t.rules.allPlaces
      : regions === "national"
        ? t.rules.nationalOnly
        : format(t.rules.region, { code: regions.region });
  return `${what} · ${where}`;
}

/** "status is Far behind, Overdue · for 2 evaluations". */
export function describeCondition(
  rule: AlertRule,
  t: AlertsMessages,
  common: Pick<Messages, "level" | "trajectory">,
  locale: Locale,
): string {
  const c = rule.condition;
  const words = (levels: readonly string[], book: Record<string, string>) =>
    levels.map((l) => book[l] ?? l).join(", ");
  const main =
    c.kind === "status_is"
      ? format(t.condition.status_is, { levels: words(c.levels, common.level) })
      : c.kind === "trajectory_is"
        ? format(t.condition.trajectory_is, { levels: words(c.levels, common.trajectory) })
        : c.kind === "overdue"
          ? t.condition.overdue
          : format(t.condition[c.kind], { value: formatValue(c.value, locale) });
  return rule.for > 1 ? `${main} · ${format(t.condition.forTimes, { n: rule.for })}` : main;
}

/** A date and time in the reader's language. */
export function formatWhen(date: Date | string | null, locale: Locale): string {
  return date ? formatDateTime(date, locale) : "—";
}
