import { formatRatio } from "~/components/indicator/format";
import styles from "~/components/indicator/indicator.module.css";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { formatTarget } from "~/lib/format";
import type { SectionContext } from "./context";

/** The current and trajectory status of the place shown, why, and the inputs they came from. */
export function StatusSection({ ctx, finalYear }: { ctx: SectionContext; finalYear: number }) {
  const { data, t, common, locale, unit, value } = ctx;
  const { view } = data;
  const { current, trajectory, inputs } = view.status;
  return (
    <section aria-labelledby="status-title" className={styles.status}>
      <h2 id="status-title">
        {t.status.title}: {data.regionName}
      </h2>
      <div className={styles.statusGrid}>
        <div>
          <h3>{t.status.current}</h3>
          <p data-status="current">
            <StatusBadge level={current.level} label={common.level[current.level]} />
          </p>
          <h3>{format(t.status.trajectory, { year: finalYear })}</h3>
          <p data-status="trajectory">
            <StatusBadge level={trajectory.level} label={common.trajectory[trajectory.level]} />
          </p>
        </div>
        <div>
          <h3>{t.status.why}</h3>
          <p data-explanation="current">{view.explanation.current}</p>
          <p data-explanation="trajectory">{view.explanation.trajectory}</p>
        </div>
        <div>
          <h3>{t.status.inputs}</h3>
          <dl className={styles.inputs}>
            <dt>
              {current.actual === null
                ? t.status.actualNone
                : format(t.status.actual, { year: current.year ?? "" })}
            </dt>
            <dd>{value(current.actual)}</dd>
            <dt>{t.status.target}</dt>
            <dd>{formatTarget(current.target, locale, unit)}</dd>
            <dt>{format(t.status.baseline, { year: inputs.baseline.year })}</dt>
            <dd>{value(inputs.baseline.value)}</dd>
            <dt>{t.status.ratio}</dt>
            <dd>{current.ratio === null ? t.status.none : formatRatio(current.ratio, locale)}</dd>
            <dt>{t.status.thresholds}</dt>
            <dd>
              {format(t.status.thresholdsValue, {
                green: formatRatio(inputs.thresholds.green, locale),
                amber: formatRatio(inputs.thresholds.amber, locale),
              })}
            </dd>
            <dt>{format(t.status.projected, { year: finalYear })}</dt>
            <dd>{value(trajectory.projected)}</dd>
            <dt>{t.status.method}</dt>
            <dd>{t.status.methodName[trajectory.method]}</dd>
          </dl>
        </div>
      </div>
    </section>
  );
}
