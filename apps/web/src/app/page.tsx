import { listPrograms } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { evaluateIndicatorStatuses } from "@spm/services";
import { connection } from "next/server";
import { AutoRefresh } from "~/components/auto-refresh";
import { LevelCounts } from "~/components/level-counts";
import { type OverviewFilter, OverviewFilters } from "~/components/overview-filters";
import { Sparkline } from "~/components/sparkline";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatTarget, formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

type Search = {
  program?: string;
  year?: string;
  region?: string;
  direction?: string;
  level?: string;
};

/** The filter of the URL, keeping only well-formed values (a bad link shows everything). */
function readFilter(q: Search): OverviewFilter {
  const year = q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
  const code = (v?: string) => (v && /^[A-Z0-9_-]{1,20}$/.test(v) ? v : undefined);
  return {
    program: q.program && /^[A-Z0-9-]{1,64}$/.test(q.program) ? q.program : undefined,
    year,
    region: code(q.region),
    direction: code(q.direction),
    level: q.level?.match(/^[a-z_]{1,20}$/)?.[0],
  };
}

export default async function OverviewPage(props: { searchParams: Promise<Search> }) {
  await connection();
  await requireUser("viewer");
  const { locale, t } = await getMessages();
  const filter = readFilter(await props.searchParams);
  const today = toIsoDate(new Date());
  const asOf = filter.year && `${filter.year}-12-31` < today ? `${filter.year}-12-31` : today;
  const programs = await listPrograms(db());
  if (programs.length === 0) return <p className="empty">{t.overview.noIndicators}</p>;
  // One programme at a time (the first, unless the URL names another): each has its own years.
  const chosen = programs.find((p) => p.code === filter.program) ?? programs[0];
  const views = await evaluateIndicatorStatuses(db(), {
    asOf,
    locale,
    region: filter.region,
    program: chosen?.code,
  });
  const shown = views.filter((v) => !filter.level || v.status.current.level === filter.level);
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
            <OverviewFilters
              filter={{ ...filter, program: program.code }}
              programs={programs.map((p) => ({ code: p.code, name: p.name }))}
              years={Array.from(
                { length: program.years.end - program.years.start + 1 },
                (_, i) => program.years.start + i,
              )}
              regions={program.regions}
              directions={program.directions}
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
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.overview.indicator}</th>
                        <th scope="col">{t.overview.status}</th>
                        <th scope="col">{t.overview.latest}</th>
                        <th scope="col">{t.overview.target}</th>
                        <th scope="col">{t.overview.trajectory}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((v) => {
                        const unit = t.unit[v.indicator.unit];
                        const finalTarget = v.status.trajectory.target;
                        return (
                          <tr key={v.indicator.code} data-indicator={v.indicator.code}>
                            <td>
                              <a href={`/indicators/${v.indicator.code}`}>
                                {v.indicator.name[locale]}
                              </a>
                              <div className="muted">{v.indicator.code}</div>
                            </td>
                            <td>
                              <StatusBadge
                                level={v.status.current.level}
                                label={t.level[v.status.current.level]}
                                title={v.explanation.current}
                              />
                            </td>
                            <td className="num">
                              {v.latest
                                ? `${formatValue(v.latest.value, locale)}${unit} (${v.latest.period})`
                                : t.overview.noValue}
                              <Sparkline points={v.series} />
                            </td>
                            <td className="num">
                              {formatTarget(finalTarget, locale, unit)}
                              {finalTarget !== null &&
                                v.indicator.targetsSource === "illustrative" && (
                                  <div className="tag">{t.overview.illustrative}</div>
                                )}
                            </td>
                            <td>
                              <StatusBadge
                                level={v.status.trajectory.level}
                                label={t.trajectory[v.status.trajectory.level]}
                              />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </section>
              );
            })}
          </section>
        ))}
    </>
  );
}
