/**
 * Message interpolation for en, ru, kk. `{name}` inserts a parameter as given; `{name:term}`
 * inserts the localised word for a code (e.g. `{unit:unit}` turns `percent` into `процент`).
 */
import type { Frequency, Locale, TrajectoryMethod, Unit } from "./program";
import type { ProgressStatus } from "./progress-measure";

export type MessageParams = Readonly<Record<string, string | number | null | undefined>>;
export type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

interface Terms {
  unit: Record<Unit, string>;
  frequency: Record<Frequency, string>;
  field: Record<"note" | "source", string>;
  method: Record<TrajectoryMethod, string>;
  /** Open SDG's words, for use inside a sentence. */
  progress: Record<ProgressStatus, string>;
  /** How a value moved (the verb before its yearly rate), and which way is wanted. */
  change: Record<"rise" | "fall" | "flat", string>;
  wanted: Record<"increase" | "decrease", string>;
}

const TERMS: Record<Locale, Terms> = {
  en: {
    unit: { percent: "percent", count: "count", number: "number" },
    frequency: { yearly: "year", quarterly: "quarter", monthly: "month" },
    field: { note: "note", source: "source" },
    method: {
      linear: "linear trend",
      cagr: "compound annual growth (CAGR)",
      statcan: "Open SDG progress measure (Statistics Canada)",
    },
    progress: {
      target_achieved: "target achieved",
      substantial_progress: "substantial progress",
      moderate_progress: "moderate progress",
      limited_progress: "limited progress",
      deterioration: "deterioration",
      not_available: "not available",
    },
    change: { rise: "grew by", fall: "fell by", flat: "changed by" },
    wanted: { increase: "a rise", decrease: "a fall" },
  },
  ru: {
    unit: { percent: "процент", count: "количество", number: "число" },
    frequency: { yearly: "год", quarterly: "квартал", monthly: "месяц" },
    field: { note: "примечание", source: "источник" },
    method: {
      linear: "линейный тренд",
      cagr: "среднегодовой темп роста (CAGR)",
      statcan: "мера прогресса Open SDG (Статистическое управление Канады)",
    },
    progress: {
      target_achieved: "цель достигнута",
      substantial_progress: "значительный прогресс",
      moderate_progress: "умеренный прогресс",
      limited_progress: "ограниченный прогресс",
      deterioration: "ухудшение",
      not_available: "нет оценки",
    },
    change: { rise: "росло на", fall: "снижалось на", flat: "изменилось на" },
    wanted: { increase: "росте", decrease: "снижении" },
  },
  kk: {
    unit: { percent: "пайыз", count: "дана", number: "сандық мән" },
    frequency: { yearly: "жыл", quarterly: "тоқсан", monthly: "ай" },
    field: { note: "ескертпе", source: "дереккөз" },
    method: {
      linear: "сызықтық үрдіс",
      cagr: "орташа жылдық өсу қарқыны (CAGR)",
      statcan: "Open SDG прогресс өлшемі (Канада статистика агенттігі)",
    },
    progress: {
      target_achieved: "мақсатқа қол жеткізілді",
      substantial_progress: "айтарлықтай прогресс",
      moderate_progress: "орташа прогресс",
      limited_progress: "шектеулі прогресс",
      deterioration: "нашарлау",
      not_available: "бағалау жоқ",
    },
    change: { rise: "өсті", fall: "төмендеді", flat: "өзгерді" },
    wanted: { increase: "өсу", decrease: "төмендеу" },
  },
};

/** Fills a message template with parameters; a missing parameter shows as `—`. */
export function interpolate(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (_, name: string, kind?: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === "") return "—";
    if (kind === undefined) return String(value);
    const terms = TERMS[locale][kind as keyof Terms] as Record<string, string> | undefined;
    return terms?.[String(value)] ?? String(value);
  });
}

// Intl formatters are costly to build and immutable, so one per locale and style is kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  const found = formatters.get(key);
  if (found) return found as F;
  const made = make();
  formatters.set(key, made);
  return made;
}

/** Formats a number for a reader of the locale, with at most `digits` decimals. */
export function formatNumber(value: number, locale: Locale, digits = 2): string {
  const make = () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  return cached(`number:${locale}:${digits}`, make).format(value);
}

/** Formats a share (0.5) as a percentage for a reader of the locale ("50%", "50 %"), whole by default. */
export function formatShare(value: number, locale: Locale, digits = 0): string {
  const make = () =>
    new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits });
  return cached(`share:${locale}:${digits}`, make).format(value);
}

/** Formats an ISO date for a reader of the locale, in UTC. */
export function formatDate(date: string, locale: Locale): string {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  const make = () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  return cached(`date:${locale}`, make).format(new Date(Date.UTC(y, m - 1, d)));
}
