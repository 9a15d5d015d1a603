import { listPrograms, listYearsMissingNarratives, loadProgramDefinitions } from "@spm/db";
import {
  type Locale,
  narrativeLevels,
  parseIsoDate,
  targetSourceOf,
  toIsoDate,
  type ViewDates,
} from "@spm/kpi";
import { evaluateIndicatorStatuses, type IndicatorStatusView } from "@spm/services";
import { connection } from "next/server";
import { AutoRefresh } from "~/components/auto-refresh";
import { ExportForm } from "~/components/export-form";
import { LevelCounts } from "~/components/level-counts";
import { type OverviewFilter, OverviewFilters } from "~/components/overview-filters";
import {
  type OverviewRow,
  OverviewTable,
  type OverviewTableLabels,
} from "~/components/overview-table";
import { ViewDatesNotice } from "~/components/view-dates-notice";
import { format } from "~/i18n";
import type { Messages } from "~/i18n/messages/en";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatTarget, formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";
import { trajectoryLabel } from "~/lib/trajectory-label";
import { datesQuery, readPageDates } from "~/lib/view-dates";

type Search = {
  open?: string;
  program?: string;
  year?: string;
  asOf?: string;
  reportedOn?: string;
  region?: string;
  direction?: string;
  level?: string;
  agency?: string;
};

/** The filter of the URL, keeping only well-formed values (a bad link shows everything). */
function readFilter(q: Search): OverviewFilter {
  const year = q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
  const dayOf = (v?: string) => {
    const day = typeof v === "string" ? parseIsoDate(v.slice(0, 10)) : undefined;
    return day?.ok ? day.date : undefined;
  };
  const code = (v?: string) => (v && /^[A-Z0-9_-]{1,20}$/.test(v) ? v : undefined);
  return {
    program: q.program && /^[A-Z0-9-]{1,64}$/.test(q.program) ? q.program : undefined,
    year,
    asOf: dayOf(q.asOf),
    reportedOn: dayOf(q.reportedOn),
    region: code(q.region),
    direction: code(q.direction),
    level: q.level?.match(/^[a-z_]{1,20}$/)?.[0],
    agency: q.agency?.match(/^[A-Z][A-Z0-9_]{1,63}$/)?.[0],
  };
}

// Rows of a direction before "show all": a programme of 200 indicators stays a short page.
const FIRST_ROWS = 20;

/** The link that shows one direction whole, keeping the other filters. */
function moreQuery(filter: OverviewFilter, program: string, direction: string): string {
  const q = new URLSearchParams({ program, open: direction });
  if (filter.year) q.set("year", String(filter.year));
  if (filter.asOf) q.set("asOf", filter.asOf);
  if (filter.reportedOn) q.set("reportedOn", filter.reportedOn);
  if (filter.region) q.set("region", filter.region);
  if (filter.direction) q.set("direction", filter.direction);
  if (filter.level) q.set("level", filter.level);
  if (filter.agency) q.set("agency", filter.agency);
  return `${q.toString()}#d-${program}-${direction}`;
}

/** The indicator pages' links keep the view: its days, region and the overview's filters. */
function indicatorQuery(filter: OverviewFilter, dates: ViewDates): string {
  const q = new URLSearchParams(datesQuery(dates));
  if (filter.year) q.set("year", String(filter.year));
  for (const key of ["program", "region", "direction", "level", "agency"] as const) {
    const value = filter[key];
    if (value) q.set(key, value);
  }
  return q.toString();
}

/** The latest figure and its period; a withheld (confidential) value shows the mark instead. */
function latestText(v: IndicatorStatusView, locale: Locale, unit: string, t: Messages): string {
  if (!v.latest) return t.overview.noValue;
  const { value, period } = v.latest;
  const shown = value === null ? t.overview.confidential : `${formatValue(value, locale)}${unit}`;
  return `${shown} (${period})`;
}

/** One indicator as the table's compact row, its numbers formatted in the reader's language. */
function toRow(v: IndicatorStatusView, locale: Locale, t: Messages): OverviewRow {
  const unit = t.unit[v.indicator.unit];
  const finalTarget = v.status.trajectory.target;
  return {
    code: v.indicator.code,
    name: v.indicator.name[locale],
    level: v.status.current.level,
    why: v.explanation.current,
    latest: latestText(v, locale, unit, t),
    spark: v.series.flatMap((p) =>
      p.value === null ? [] : [[p.year, p.value] as [number, number]],
    ),
    target: formatTarget(finalTarget, locale, unit),
    // The standing of the final year's target (a manager may make single years official).
    illustrative:
      finalTarget !== null &&
      targetSourceOf(v.indicator, v.status.inputs.finalTarget?.year ?? 0) === "illustrative",
    trajectory: v.status.trajectory.level,
    ...trendOf(v, t),
  };
}

// A monitor's trend has words but no level; only such rows carry them (the payload stays small).
function trendOf(v: IndicatorStatusView, t: Messages): Pick<OverviewRow, "trend"> {
  const label = trajectoryLabel(v.status.trajectory, t);
  return label === t.trajectory[v.status.trajectory.level] ? {} : { trend: label };
}

export default async function OverviewPage(props: { searchParams: Promise<Search> }) {
  await connection();
  const user = await requireUser("viewer");
  const { locale, t } = await getMessages();
  const search = await props.searchParams;
  const filter = readFilter(search);
  // The one direction shown whole; the others show their first rows and a link to the rest.
  const open = search.open?.match(/^[A-Z0-9_-]{1,20}$/)?.[0];
  const today = toIsoDate(new Date());
  const programs = await listPrograms(db());
  if (programs.length === 0) return <p className="empty">{t.overview.noIndicators}</p>;
  // One programme at a time (the first, unless the URL names another): each has its own years.
  const chosen = programs.find((p) => p.code === filter.program) ?? programs[0];
  // A chosen day (not after today), else the chosen year's end, else today; "as reported on" a
  // day reads the figures as they were known then.
  const dates = readPageDates({ ...search, year: filter.year }, chosen?.years.start ?? 1000, today);
  const { asOf, reportedOn } = dates;
  const views = await evaluateIndicatorStatuses(db(), {
    asOf,
    reportedOn,
    locale,
    region: filter.region,
    program: chosen?.code,
    mayReadConfidential: user.confidential,
  });
  const definition = (await loadProgramDefinitions(db())).find((p) => p.code === chosen?.code);
  const shown = views.filter(
    (v) =>
      (!filter.level || v.status.current.level === filter.level) &&
      (!filter.agency || v.indicator.agency === filter.agency),
  );
  // The years up to the one shown whose level needs a narrative and that have none.
  const missing = definition
    ? await listYearsMissingNarratives(db(), {
        indicators: shown.map((v) => v.indicator.code),
        levels: narrativeLevels(definition),
        region: filter.region ?? definition.nation.code,
      })
    : [];
  const asOfYear = Number(asOf.slice(0, 4));
  const needs = new Map<string, number[]>();
  for (const m of missing) {
    if (m.year <= asOfYear) needs.set(m.indicator, [...(needs.get(m.indicator) ?? []), m.year]);
  }
  const { indicator, status, latest, target, trajectory, illustrative, needsNarrative } =
    t.overview;
  const labels: OverviewTableLabels = {
    ...{ indicator, status, latest, target, trajectory, illustrative, needsNarrative },
    level: t.level,
    trajectoryLevel: t.trajectory,
  };
  return (
    <>
      <AutoRefresh />
      {programs
        .filter((p) => p === chosen)
        .map((program) => (
          <section key={program.code} aria-labelledby={`p-${program.code}`}>
            <h1 id={`p-${program.code}`}>{program.name[locale]}</h1>
            <p className="muted">
              {format(t.overview.years, { ...program.years })} ·{" "}
              {format(t.overview.asOf, { date: asOf })}
            </p>
            <ViewDatesNotice dates={dates} t={t} />
            {programs.length > 1 && (
              <p data-other-programs>
                {format(t.programs.others, { count: programs.length })}{" "}
                <a href="/programs">{t.programs.all}</a>
              </p>
            )}
            <OverviewFilters
              filter={{ ...filter, program: program.code }}
              programs={programs.map((p) => ({ code: p.code, name: p.name }))}
              years={Array.from(
                { length: program.years.end - program.years.start + 1 },
                (_, i) => program.years.start + i,
              )}
              regions={program.regions}
              directions={program.directions}
              agencies={definition?.agencies ?? []}
              locale={locale}
              today={today}
              t={t}
            />
            <ExportForm
              program={program.code}
              asOf={asOf}
              reportedOn={reportedOn}
              region={filter.region}
              locale={locale}
              t={t}
            />
            {program.directions.map((direction) => {
              if (filter.direction && filter.direction !== direction.code) return null;
              const all = views.filter(
                (v) => v.programCode === program.code && v.indicator.direction === direction.code,
              );
              const rows = shown.filter((v) => all.includes(v));
              return (
                <section
                  key={direction.code}
                  aria-labelledby={`d-${program.code}-${direction.code}`}
                >
                  <h2 id={`d-${program.code}-${direction.code}`}>{direction.name[locale]}</h2>
                  <LevelCounts levels={all.map((v) => v.status.current.level)} t={t} />
                  {rows.length === 0 && <p className="empty">{t.overview.noMatch}</p>}
                  <OverviewTable
                    rows={rows
                      .slice(0, open === direction.code ? rows.length : FIRST_ROWS)
                      .map((v) => ({
                        ...toRow(v, locale, t),
                        needsNarrative: needs.get(v.indicator.code),
                      }))}
                    labels={labels}
                    linkQuery={indicatorQuery(filter, dates)}
                  />
                  {rows.length > FIRST_ROWS && open !== direction.code && (
                    <p className="muted" data-more={direction.code}>
                      {format(t.overview.shownOf, { shown: FIRST_ROWS, total: rows.length })}{" "}
                      <a href={`?${moreQuery(filter, program.code, direction.code)}`}>
                        {format(t.overview.showAll, { total: rows.length })}
                      </a>
                    </p>
                  )}
                </section>
              );
            })}
          </section>
        ))}
    </>
  );
}
