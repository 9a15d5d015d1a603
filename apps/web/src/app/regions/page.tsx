import { listPrograms } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { evaluateIndicatorStatuses, type IndicatorStatusView } from "@spm/services";
import { connection } from "next/server";
import { DatesForm } from "~/components/regions/dates-form";
import { IndicatorPicker } from "~/components/regions/indicator-picker";
import { RegionGrid } from "~/components/regions/region-grid";
import { type MapTile, TileMap } from "~/components/regions/tile-map";
import { ViewDatesNotice } from "~/components/view-dates-notice";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";
import { datesQuery, readPageDates } from "~/lib/view-dates";

type Search = {
  program?: string;
  indicator?: string;
  open?: string;
  asOf?: string;
  reportedOn?: string;
  year?: string;
};

// Indicator columns of a direction before "show all": 20 regions × 200 indicators stay readable.
const FIRST_COLUMNS = 12;

/**
 * Regions of a programme: a tile map coloured by one regional indicator (chosen in the URL),
 * then the status of every regional indicator in every region, each a link to its history; on
 * a chosen day (today by default), with the figures as reported on a chosen day if asked.
 */
export default async function RegionsPage(props: { searchParams: Promise<Search> }) {
  await connection();
  const user = await requireUser("viewer");
  const { locale, t } = await getMessages();
  const search = await props.searchParams;
  const programs = await listPrograms(db());
  const program = programs.find((p) => p.code === search.program) ?? programs[0];
  if (!program) return <p className="empty">{t.overview.noIndicators}</p>;
  const today = toIsoDate(new Date());
  const year = search.year && /^\d{4}$/.test(search.year) ? Number(search.year) : undefined;
  const dates = readPageDates({ ...search, year }, program.years.start, today);
  const { asOf, reportedOn } = dates;
  // Every link keeps the view's days.
  const dayParams = datesQuery(dates, today);
  const days = new URLSearchParams(dayParams).toString();
  const regions = program.regions.filter((r) => r.kind === "region");
  const byRegion = await Promise.all(
    regions.map((r) =>
      evaluateIndicatorStatuses(db(), {
        asOf,
        reportedOn,
        region: r.code,
        locale,
        program: program.code,
        mayReadConfidential: user.confidential,
      }),
    ),
  );
  const indicators = (byRegion[0] ?? []).filter(
    (v) => v.programCode === program.code && v.indicator.disaggregation === "regional",
  );
  const chosen =
    indicators.find((v) => v.indicator.code === search.indicator) ?? indicators[0] ?? null;
  const statusOf = (i: number, code: string): IndicatorStatusView | undefined =>
    byRegion[i]?.find((v) => v.indicator.code === code);
  const tiles: MapTile[] = chosen
    ? regions.flatMap((region, i) => {
        if (!region.tile) return [];
        const view = statusOf(i, chosen.indicator.code);
        const level = view?.status.current.level ?? "grey";
        const name = region.name[locale];
        return [
          {
            code: region.code,
            name,
            tile: region.tile,
            level,
            levelLabel: t.level[level],
            explanation: view?.explanation.current,
            href: `/indicators/${chosen.indicator.code}?region=${region.code}${days && `&${days}`}`,
            label: format(t.regions.tileLabel, { region: name, level: t.level[level] }),
          },
        ];
      })
    : [];
  const unplaced = regions.filter((r) => !r.tile).map((r) => r.name[locale]);
  return (
    <>
      <h1>{t.regions.title}</h1>
      <p className="muted">
        {program.name[locale]} · {format(t.overview.asOf, { date: asOf })}
      </p>
      <ViewDatesNotice dates={dates} t={t} />
      <DatesForm
        dates={dates}
        years={Array.from(
          { length: program.years.end - program.years.start + 1 },
          (_, i) => program.years.start + i,
        )}
        year={year}
        keep={{
          program: program.code,
          ...(typeof search.indicator === "string" ? { indicator: search.indicator } : {}),
        }}
        today={today}
        t={t}
      />
      {indicators.length === 0 && <p className="empty">{t.regions.none}</p>}
      {chosen && tiles.length > 0 && (
        <section aria-labelledby="map-title">
          <h2 id="map-title">{t.regions.map}</h2>
          <p className="muted">{t.regions.mapIntro}</p>
          <IndicatorPicker
            program={program.code}
            chosen={chosen.indicator.code}
            days={dayParams}
            options={indicators.map((v) => ({
              code: v.indicator.code,
              name: v.indicator.name[locale],
            }))}
            t={t}
          />
          <TileMap
            tiles={tiles}
            label={format(t.regions.mapLabel, { indicator: chosen.indicator.name[locale] })}
          />
          {unplaced.length > 0 && (
            <p className="muted">{format(t.regions.unplaced, { regions: unplaced.join(", ") })}</p>
          )}
        </section>
      )}
      {indicators.length > 0 && (
        <section aria-labelledby="grid-title">
          <h2 id="grid-title">{t.regions.all}</h2>
          {program.directions.map((direction) => {
            const columns = indicators.filter((v) => v.indicator.direction === direction.code);
            if (columns.length === 0) return null;
            const whole = search.open === direction.code || columns.length <= FIRST_COLUMNS;
            const more = new URLSearchParams({ program: program.code, open: direction.code });
            if (chosen) more.set("indicator", chosen.indicator.code);
            return (
              <section key={direction.code} aria-labelledby={`g-${direction.code}`}>
                <h3 id={`g-${direction.code}`}>{direction.name[locale]}</h3>
                <RegionGrid
                  regions={regions.map((r, i) => ({
                    code: r.code,
                    name: r.name[locale],
                    views: byRegion[i] ?? [],
                  }))}
                  indicators={whole ? columns : columns.slice(0, FIRST_COLUMNS)}
                  direction={direction.code}
                  linkQuery={days}
                  locale={locale}
                  t={t}
                />
                {!whole && (
                  <p className="muted" data-more={direction.code}>
                    {format(t.overview.shownOf, { shown: FIRST_COLUMNS, total: columns.length })}{" "}
                    <a href={`?${more.toString()}#g-${direction.code}`}>
                      {format(t.overview.showAll, { total: columns.length })}
                    </a>
                  </p>
                )}
              </section>
            );
          })}
        </section>
      )}
    </>
  );
}
