import { formatRatio } from "~/components/indicator/format";
import styles from "~/components/indicator/indicator.module.css";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { formatTarget, formatValue } from "~/lib/format";
import { trajectoryLabel } from "~/lib/trajectory-label";
import type { SectionContext } from "./context";

/** The current and trajectory status of the place shown, why, and the inputs they came from. */
export function StatusSection({ ctx, finalYear }: { ctx: SectionContext; finalYear: number }) {
  const { data, t, common, locale, unit, value } = ctx;
  const { view } = data;
  const { current, trajectory, inputs } = view.status;
  // A withheld number shows the confidential mark, not a dash that would read as "no figure".
  const secret = t.flag.confidential;
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
          <h3>
            {view.indicator.polarity === "monitor" && trajectory.method === "statcan"
              ? t.status.trend
              : format(t.status.trajectory, { year: finalYear })}
          </h3>
          <p data-status="trajectory">
            <StatusBadge level={trajectory.level} label={trajectoryLabel(trajectory, common)} />
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
              {current.actual === null && !view.withheld.current
                ? t.status.actualNone
                : format(t.status.actual, { year: current.year ?? "" })}
            </dt>
            <dd>{view.withheld.current ? secret : value(current.actual)}</dd>
            <dt>{t.status.target}</dt>
            <dd>{formatTarget(current.target, locale, unit)}</dd>
            <dt>{format(t.status.baseline, { year: inputs.baseline.year })}</dt>
            <dd>{value(inputs.baseline.value)}</dd>
            <dt>{t.status.ratio}</dt>
            <dd>
              {view.withheld.current
                ? secret
                : current.ratio === null
                  ? t.status.none
                  : formatRatio(current.ratio, locale)}
            </dd>
            <dt>{t.status.thresholds}</dt>
            <dd>
              {format(t.status.thresholdsValue, {
                green: formatRatio(inputs.thresholds.green, locale),
                amber: formatRatio(inputs.thresholds.amber, locale),
              })}
            </dd>
            {trajectory.method === "statcan" ? (
              <ProgressRows ctx={ctx} />
            ) : (
              <>
                <dt>{format(t.status.projected, { year: finalYear })}</dt>
                <dd>{view.withheld.trajectory ? secret : value(trajectory.projected)}</dd>
              </>
            )}
            <dt>{t.status.method}</dt>
            <dd data-method={trajectory.method}>
              {t.status.methodName[trajectory.method]}
              {trajectory.method === "statcan" && (
                <span className="muted" data-method-source="">
                  {" "}
                  {t.status.methodSource}
                </span>
              )}
            </dd>
          </dl>
        </div>
      </div>
    </section>
  );
}

/** The progress measure's figures: its words, P and the score (null shown as a dash). */
function ProgressRows({ ctx }: { ctx: SectionContext }) {
  const { t, common, locale } = ctx;
  const { trajectory } = ctx.data.view.status;
  const number = (v: number | null | undefined) =>
    v === null || v === undefined ? t.status.none : formatValue(v, locale);
  const words = trajectory.progressStatus ?? "not_available";
  return (
    <>
      <dt>{t.status.progressStatus}</dt>
      <dd data-progress-status={words}>{common.progress[words]}</dd>
      <dt>{t.status.progress}</dt>
      <dd>{number(trajectory.progress)}</dd>
      <dt>{t.status.score}</dt>
      <dd>{number(trajectory.score)}</dd>
    </>
  );
}
