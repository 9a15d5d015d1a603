import { chartLocales } from "~/components/indicator/format";
import { IndicatorChart, type IndicatorChartData } from "~/components/indicator/indicator-chart";
import { format } from "~/i18n";
import type { SectionContext } from "./context";

/** The chart of values, targets and projection, with its PNG and CSV downloads. */
export function ChartSection({ ctx, chart }: { ctx: SectionContext; chart: IndicatorChartData }) {
  const { data, query, t, locale, unit } = ctx;
  const { indicator } = data.view;
  const csvHref = `/indicators/${encodeURIComponent(indicator.code)}/series.csv?${new URLSearchParams(
    {
      ...(data.region === data.nationCode ? {} : { region: data.region }),
      asOf: query.asOf,
      ...(query.reportedOn ? { reportedOn: query.reportedOn } : {}),
    },
  ).toString()}`;
  return (
    <section aria-labelledby="chart-title">
      <h2 id="chart-title">{t.chart.title}</h2>
      <IndicatorChart
        data={chart}
        locales={chartLocales(locale)}
        unit={unit}
        filename={`${indicator.code}-${data.region}-${query.asOf}.png`}
        text={{
          label: format(t.chart.label, { name: indicator.name[locale], region: data.regionName }),
          year: t.chart.year,
          reported: t.chart.reported,
          history: t.chart.history,
          derived: t.chart.derived,
          flagged: t.chart.flagged,
          target: t.chart.target,
          targetMin: t.chart.targetMin,
          targetMax: t.chart.targetMax,
          baseline: t.chart.baseline,
          band: t.chart.band,
          projected: t.chart.projected,
          downloadPng: t.chart.downloadPng,
        }}
      />
      {[chart.history, chart.derived, chart.flagged].some((d) => d.some((v) => v !== null)) && (
        <p className="muted">{t.chart.legendNote}</p>
      )}
      {data.view.series.some((p) => p.confidential && p.value === null) && (
        <p className="muted" data-withheld="">
          {t.chart.withheld}
        </p>
      )}
      <p>
        <a href={csvHref} download data-download="csv">
          {t.chart.downloadCsv}
        </a>
      </p>
    </section>
  );
}
