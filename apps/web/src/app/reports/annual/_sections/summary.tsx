import { CURRENT_LEVELS } from "@spm/kpi";
import { LevelChart } from "~/components/report/level-chart";
import styles from "~/components/report/report.module.css";
import { format } from "~/i18n";
import type { ReportContext } from "./context";

/** Levels per direction as a chart and in words, what changed since last year, the far behind. */
export function Summary({ ctx }: { ctx: ReportContext }) {
  const { report, locale, t, common, nameOf } = ctx;
  const { summary } = report;
  const rows = summary.directions.map((d) => ({
    label: d.code,
    name: report.program.directions.find((p) => p.code === d.code)?.name[locale] ?? d.code,
    counts: d.counts,
  }));
  const words = (counts: (typeof rows)[number]["counts"]) => {
    const parts = CURRENT_LEVELS.filter((l) => counts[l] > 0).map((l) =>
      format(t.summary.count, { level: common.level[l], count: counts[l] }),
    );
    return parts.length > 0 ? parts.join(", ") : t.summary.noIndicators;
  };
  const previous = report.year - 1;
  return (
    <section className={styles.section} aria-labelledby="summary-title">
      <h2 id="summary-title">{t.summary.title}</h2>
      <h3>{t.summary.levels}</h3>
      <div className={styles.chart}>
        <LevelChart
          rows={rows}
          levelLabel={common.level}
          title={format(t.summary.chartLabel, { year: report.year })}
        />
      </div>
      <ul>
        {rows.map((r) => (
          <li key={r.label}>
            {format(t.summary.direction, {
              code: r.label,
              name: r.name,
              counts: words(r.counts),
            })}
          </li>
        ))}
      </ul>
      {report.year > report.program.years.start && (
        <>
          <h3>{format(t.summary.changes, { year: previous })}</h3>
          {summary.changes.length === 0 ? (
            <p>{format(t.summary.noChanges, { year: previous })}</p>
          ) : (
            <ul>
              {summary.changes.map((c) => (
                <li key={c.code}>
                  {format(t.summary.change, {
                    name: nameOf(c.code),
                    from: common.level[c.from],
                    to: common.level[c.to],
                  })}{" "}
                  ({c.worse ? t.summary.worse : t.summary.better})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>{t.summary.farBehind}</h3>
      {summary.farBehind.length === 0 ? (
        <p>{t.summary.noneFarBehind}</p>
      ) : (
        <ul>
          {summary.farBehind.map((code) => (
            <li key={code}>
              <a href={`#i-${code}`}>{nameOf(code)}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
