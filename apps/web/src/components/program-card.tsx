import type { CurrentLevel, Locale } from "@spm/kpi";
import { formatDateTime } from "~/components/indicator/format";
import { format } from "~/i18n";
import type { Messages } from "~/i18n/messages/en";
import { LevelCounts } from "./level-counts";

export interface ProgramCardData {
  code: string;
  name: string;
  years: { start: number; end: number; baseline: number };
  /** Current national level of each of its indicators. */
  levels: CurrentLevel[];
  stamp: { dataVersion: string; computedAt: Date } | null;
}

// The export's formats offered as plain links (the overview's form offers the same four).
const FORMATS = [
  ["xlsx", "downloadXlsx"],
  ["csv", "downloadCsv"],
  ["json", "downloadJson"],
  ["dhis2-json", "downloadDhis2"],
] as const;

/** One programme's summary: period, its indicators' levels, freshness, and where to go next. */
export function ProgramCard(props: { program: ProgramCardData; locale: Locale; t: Messages }) {
  const { program: p, locale, t } = props;
  const exportHref = (fmt: string) =>
    `/api/v1/export?${new URLSearchParams({ program: p.code, format: fmt, lang: locale })}`;
  return (
    <li className="program-card" data-program={p.code} aria-labelledby={`program-${p.code}`}>
      <h2 id={`program-${p.code}`}>
        <a href={`/?program=${encodeURIComponent(p.code)}`}>{p.name}</a>
      </h2>
      <p className="muted">
        {p.code} · {format(t.programs.years, p.years)} ·{" "}
        {format(t.programs.indicators, { count: p.levels.length })}
      </p>
      <h3 className="visually-hidden">{t.programs.levels}</h3>
      <LevelCounts levels={p.levels} t={t} />
      <p className="muted" data-stamp>
        {p.stamp
          ? format(t.programs.stamp, {
              when: formatDateTime(p.stamp.computedAt, locale),
              version: p.stamp.dataVersion,
            })
          : t.programs.noStamp}
      </p>
      <p className="program-links">
        <a href={`/?program=${encodeURIComponent(p.code)}`}>{t.programs.overview}</a>
        <a href={`/regions?program=${encodeURIComponent(p.code)}`}>{t.programs.regions}</a>
      </p>
      <p className="program-links" data-exports>
        <span>{t.programs.download}</span>
        {FORMATS.map(([fmt, label]) => (
          <a key={fmt} href={exportHref(fmt)} data-format={fmt}>
            {t.overview[label]}
          </a>
        ))}
      </p>
    </li>
  );
}
