import { figureSourceIn, textIn } from "@spm/kpi";
import type { ReportIndicator } from "@spm/services";
import styles from "~/components/report/report.module.css";
import { SeriesChart } from "~/components/report/series-chart";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { formatTarget, formatValue } from "~/lib/format";
import { trajectoryLabel } from "~/lib/trajectory-label";
import type { ReportContext } from "./context";

/** The flags of a year's figures in the report's language (a quarterly year may have several). */
function flagsOf(item: ReportIndicator, year: number, ctx: ReportContext): string {
  const flags = new Set(item.figures.filter((f) => f.year === year && f.flag).map((f) => f.flag));
  const name = ctx.t.flag as Record<string, string>;
  return [...flags].map((f) => name[f as string] ?? f).join(", ");
}

/** Every year from the baseline to the report's: its target and value (the baseline's own). */
function yearRows(item: ReportIndicator, last: number) {
  const { indicator, series } = item.view;
  const byYear = new Map(series.map((p) => [p.year, p]));
  const from = indicator.baseline.year;
  return Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => {
    const year = from + i;
    const point = byYear.get(year);
    const baseline = year === from && !point ? indicator.baseline.value : null;
    return {
      year,
      target: point?.target ?? indicator.targets[String(year)] ?? null,
      value: point?.value ?? baseline,
      confidential: point?.confidential === true && point.value === null,
    };
  });
}

/** One indicator: status and why, chart, targets and values by year, narrative, sources, flags. */
export function IndicatorSection({ ctx, item }: { ctx: ReportContext; item: ReportIndicator }) {
  const { report, locale, t, common } = ctx;
  const { view } = item;
  const { indicator, status } = view;
  const unit = common.unit[indicator.unit];
  const rows = yearRows(item, report.year);
  const yearStatus = new Map((view.years ?? []).map((y) => [y.year, y.status.level]));
  const sources = [
    ...new Set(
      item.figures.flatMap((f) =>
        f.source ? [figureSourceIn(item.view.indicator, f.source, locale)] : [],
      ),
    ),
  ];
  const finalYear = status.inputs.finalTarget?.year ?? report.program.years.end;
  const name = indicator.name[locale];
  return (
    <section
      className={styles.indicator}
      id={`i-${indicator.code}`}
      aria-labelledby={`h-${indicator.code}`}
    >
      <h2 id={`h-${indicator.code}`}>
        {name} <small>({indicator.code})</small>
      </h2>
      <h3>{t.indicator.status}</h3>
      <p>
        <StatusBadge level={status.current.level} label={common.level[status.current.level]} />{" "}
        {view.explanation.current}
      </p>
      <p>
        <StatusBadge
          level={status.trajectory.level}
          label={format(t.indicator.trajectory, {
            year: finalYear,
            level: trajectoryLabel(status.trajectory, common),
          })}
        />{" "}
        {view.explanation.trajectory}
      </p>
      <div className={styles.chart}>
        <SeriesChart
          years={rows.map((p) => ({ year: p.year, value: p.value, target: p.target }))}
          title={format(t.indicator.chartLabel, { name })}
          legend={{ value: t.indicator.legendValue, target: t.indicator.legendTarget }}
          format={(v) => formatValue(v, locale)}
        />
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t.indicator.year}</th>
            <th scope="col">{t.indicator.target}</th>
            <th scope="col">{t.indicator.value}</th>
            <th scope="col">{t.indicator.yearStatus}</th>
            <th scope="col">{t.indicator.flag}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const level = yearStatus.get(p.year);
            return (
              <tr key={p.year}>
                <th scope="row">{p.year}</th>
                <td className={styles.number}>{formatTarget(p.target, locale, unit)}</td>
                <td className={styles.number}>{ctx.value(p.value, unit, p.confidential)}</td>
                <td>{level ? common.level[level] : ""}</td>
                <td>{flagsOf(item, p.year, ctx)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {indicator.targetsSource === "illustrative" && (
        <p className={styles.note}>{t.indicator.illustrative}</p>
      )}
      <h3>{t.indicator.narrative}</h3>
      {/* Narratives (issue 15) and approvals (issue 18) fill these slots when they exist. */}
      <p className={styles.slot} data-slot="narrative">
        {t.indicator.noNarrative}
      </p>
      <h3>{t.indicator.approval}</h3>
      <p className={styles.slot} data-slot="approval">
        {t.indicator.noApproval}
      </p>
      <h3>{t.indicator.sources}</h3>
      <ul className={styles.note}>
        <li>
          {format(t.indicator.baseline, {
            year: indicator.baseline.year,
            value: ctx.value(indicator.baseline.value, unit),
            source: textIn(indicator.baseline.source, locale),
          })}
        </li>
        {sources.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </section>
  );
}
