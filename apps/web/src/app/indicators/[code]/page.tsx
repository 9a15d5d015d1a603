import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import {
  chartLocales,
  formatDateTime,
  formatIsoDate,
  formatRatio,
} from "~/components/indicator/format";
import styles from "~/components/indicator/indicator.module.css";
import { IndicatorChart } from "~/components/indicator/indicator-chart";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getIndicatorMessages } from "~/i18n/indicator";
import { getMessages } from "~/i18n/server";
import { formatTarget, formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";
import {
  chartData,
  type IndicatorPageData,
  loadIndicator,
  loadProvenance,
  type PageQuery,
  parsePageQuery,
  yearStatuses,
} from "./data";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return { title: decodeURIComponent(code) };
}

/** A link to this page for another region or date, keeping the rest of the view. */
function hrefOf(code: string, query: PageQuery, data: IndicatorPageData, region?: string) {
  const search = new URLSearchParams();
  const r = region ?? data.region;
  if (r !== data.nationCode) search.set("region", r);
  search.set("asOf", query.asOf);
  return `/indicators/${encodeURIComponent(code)}?${search.toString()}`;
}

export default async function IndicatorPage({ params, searchParams }: Props) {
  await connection();
  await requireUser("viewer");
  const [{ code: rawCode }, search, { locale, t: common }] = await Promise.all([
    params,
    searchParams,
    getMessages(),
  ]);
  const code = decodeURIComponent(rawCode);
  const t = getIndicatorMessages(locale);
  const query = parsePageQuery(search);
  const data = await loadIndicator(code, query, locale);
  if (!data) notFound();
  const figures = await loadProvenance(data);
  const { view } = data;
  const { indicator, status } = view;
  const { current, trajectory, inputs } = status;
  const unit = common.unit[indicator.unit];
  const value = (v: number | null) =>
    v === null ? t.status.none : `${formatValue(v, locale)}${unit}`;
  const statuses = yearStatuses(data, query.asOf);
  const name = indicator.name[locale];
  const regionNames = new Map(data.program.regions.map((r) => [r.code, r.name[locale]]));
  const csvHref = `/indicators/${encodeURIComponent(code)}/series.csv?${new URLSearchParams({
    ...(data.region === data.nationCode ? {} : { region: data.region }),
    asOf: query.asOf,
  }).toString()}`;
  const chart = chartData(data, figures);
  // A figure's newest revision is its current value: label the page when one is synthetic.
  const demo = figures.some((f) => f.revisions[0]?.uploadKind === "demo");
  const finalYear = inputs.finalTarget?.year ?? data.program.years.end;

  return (
    <article className={styles.page} aria-labelledby="indicator-title">
      <p>
        <Link href={`/?asOf=${query.asOf}`}>{t.back}</Link>
      </p>
      <header>
        <h1 id="indicator-title">{name}</h1>
        {indicator.description && <p>{indicator.description[locale]}</p>}
        <dl className={styles.meta}>
          <div>
            <dt>{t.code}</dt>
            <dd>
              <code>{indicator.code}</code>
            </dd>
          </div>
          <div>
            <dt>{t.unit}</dt>
            <dd>{t.unitName[indicator.unit]}</dd>
          </div>
          <div>
            <dt>{t.polarity}</dt>
            <dd>
              {t.polarityName[indicator.polarity]}
              {indicator.polarityReason && (
                <span className="muted"> — {indicator.polarityReason}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t.frequency}</dt>
            <dd>
              {t.frequencyName[indicator.frequency]}
              {indicator.frequency !== "yearly" && (
                <span className="muted">
                  {" "}
                  ({t.aggregation}: {t.aggregationName[indicator.aggregation]})
                </span>
              )}
            </dd>
          </div>
          {indicator.owner && (
            <div>
              <dt>{t.owner}</dt>
              <dd>{indicator.owner}</dd>
            </div>
          )}
        </dl>
        <p className="muted">
          {format(t.baselineSource, {
            year: indicator.baseline.year,
            value: value(indicator.baseline.value),
            source: indicator.baseline.source,
          })}
        </p>
        {indicator.targetsSource === "illustrative" && (
          <p className={styles.notice} role="note" data-illustrative="">
            {t.illustrative}
          </p>
        )}
        {demo && (
          <p className={styles.notice} role="note" data-demo="">
            {t.demo}
          </p>
        )}
      </header>

      <form className={styles.view} method="get" aria-label={t.view.legend}>
        {data.regions.length > 0 && (
          <label>
            {t.view.region}{" "}
            <select name="region" defaultValue={data.region === data.nationCode ? "" : data.region}>
              <option value="">
                {format(t.view.national, { name: regionNames.get(data.nationCode) ?? "" })}
              </option>
              {data.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t.view.asOf} <input type="date" name="asOf" defaultValue={query.asOf} required />
        </label>
        <button type="submit">{t.view.apply}</button>
      </form>

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

      <section aria-labelledby="chart-title">
        <h2 id="chart-title">{t.chart.title}</h2>
        <IndicatorChart
          data={chart}
          locales={chartLocales(locale)}
          unit={unit}
          filename={`${indicator.code}-${data.region}-${query.asOf}.png`}
          text={{
            label: format(t.chart.label, { name, region: data.regionName }),
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
        <p>
          <a href={csvHref} download data-download="csv">
            {t.chart.downloadCsv}
          </a>
        </p>
      </section>

      <section aria-labelledby="years-title">
        <h2 id="years-title">{t.table.title}</h2>
        <table data-table="years">
          <caption className="visually-hidden">
            {format(t.table.caption, { region: data.regionName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.table.year}</th>
              <th scope="col">{t.table.value}</th>
              <th scope="col">{t.table.target}</th>
              <th scope="col">{t.table.status}</th>
              <th scope="col">{t.table.notes}</th>
            </tr>
          </thead>
          <tbody>
            {view.series.map((p) => {
              const s = statuses.get(p.year);
              const notes = [
                p.year < indicator.baseline.year ? t.table.history : null,
                p.year === indicator.baseline.year ? t.table.baselineYear : null,
                p.derived ? t.table.derived : null,
                p.value !== null && !p.complete ? t.table.incomplete : null,
                p.lastPeriod && p.lastPeriod !== String(p.year)
                  ? format(t.table.lastPeriod, { period: p.lastPeriod })
                  : null,
              ].filter((n): n is string => n !== null);
              return (
                <tr key={p.year} data-year={p.year}>
                  <th scope="row">{p.year}</th>
                  <td className="num">{value(p.value)}</td>
                  <td className="num">{formatTarget(p.target, locale, unit)}</td>
                  <td>
                    {s && (
                      <StatusBadge
                        level={s.level}
                        label={common.level[s.level]}
                        title={
                          s.ratio === null
                            ? undefined
                            : `${t.status.ratio}: ${formatRatio(s.ratio, locale)}`
                        }
                      />
                    )}
                  </td>
                  <td>
                    {p.derived && <span aria-hidden="true">▲ </span>}
                    {notes.join("; ")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {data.regions.length > 0 && (
        <section aria-labelledby="regions-title">
          <h2 id="regions-title">{t.regions.title}</h2>
          <nav aria-label={t.regions.selector}>
            <ul className={styles.regionLinks}>
              {[
                {
                  code: data.nationCode,
                  label: format(t.view.national, {
                    name: regionNames.get(data.nationCode) ?? "",
                  }),
                },
                ...data.regions.map((r) => ({ code: r.code, label: r.name })),
              ].map((r) => (
                <li key={r.code}>
                  <Link
                    href={hrefOf(code, query, data, r.code)}
                    aria-current={r.code === data.region ? "page" : undefined}
                  >
                    {r.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <h3>{t.regions.comparison}</h3>
          <table data-table="regions">
            <caption className="visually-hidden">
              {format(t.regions.caption, { date: formatIsoDate(query.asOf, locale) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.regions.region}</th>
                <th scope="col">{t.regions.latest}</th>
                <th scope="col">{t.regions.status}</th>
                <th scope="col">{t.regions.trajectory}</th>
              </tr>
            </thead>
            <tbody>
              {data.regions.map((r) => (
                <tr key={r.code} data-region={r.code}>
                  <th scope="row">
                    <Link href={hrefOf(code, query, data, r.code)}>{r.name}</Link>
                    {r.code === data.region && <span className="muted"> {t.regions.current}</span>}
                  </th>
                  <td className="num">
                    {r.view.latest
                      ? `${value(r.view.latest.value)} (${r.view.latest.period})`
                      : common.overview.noValue}
                  </td>
                  <td>
                    <StatusBadge
                      level={r.view.status.current.level}
                      label={common.level[r.view.status.current.level]}
                      title={r.view.explanation.current}
                    />
                  </td>
                  <td>
                    <StatusBadge
                      level={r.view.status.trajectory.level}
                      label={common.trajectory[r.view.status.trajectory.level]}
                      title={r.view.explanation.trajectory}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="provenance-title">
        <h2 id="provenance-title">{t.provenance.title}</h2>
        {figures.length === 0 ? (
          <p className="empty">
            {data.regions.length > 0 && data.region === data.nationCode
              ? t.provenance.emptyNational
              : t.provenance.empty}
          </p>
        ) : (
          <table data-table="provenance" className={styles.provenance}>
            <caption className="visually-hidden">
              {data.region === data.nationCode
                ? t.provenance.captionAll
                : format(t.provenance.caption, { region: data.regionName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.provenance.period}</th>
                <th scope="col">{t.provenance.region}</th>
                <th scope="col">{t.provenance.value}</th>
                <th scope="col">{t.provenance.flag}</th>
                <th scope="col">{t.provenance.source}</th>
                <th scope="col">{t.provenance.revisions}</th>
                <th scope="col">{t.provenance.updated}</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => {
                const regionName = regionNames.get(f.region) ?? f.region;
                return (
                  <tr key={`${f.region}-${f.period}`} data-figure={`${f.region}|${f.period}`}>
                    <th scope="row">{f.period}</th>
                    <td>{regionName}</td>
                    <td className="num">{value(f.value)}</td>
                    <td>{f.flag ? (flagName(t.flag, f.flag) ?? f.flag) : ""}</td>
                    <td>
                      {f.source}
                      {f.note && (
                        <div className="muted">
                          {t.provenance.note}: {f.note}
                        </div>
                      )}
                    </td>
                    <td>
                      <details>
                        <summary>
                          {format(t.provenance.showRevisions, { count: f.revisionCount })}
                        </summary>
                        <table className={styles.revisions}>
                          <caption className="visually-hidden">
                            {format(t.provenance.revisionsCaption, {
                              period: f.period,
                              region: regionName,
                            })}
                          </caption>
                          <thead>
                            <tr>
                              <th scope="col">{t.provenance.value}</th>
                              <th scope="col">{t.provenance.when}</th>
                              <th scope="col">{t.provenance.author}</th>
                              <th scope="col">{t.provenance.upload}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {f.revisions.map((r, i) => (
                              // biome-ignore lint/suspicious/noArrayIndexKey: revisions have no id here and never reorder
                              <tr key={i}>
                                <td className="num">
                                  {value(r.value)}
                                  {r.flag && (
                                    <div className="muted">
                                      {flagName(t.flag, r.flag) ?? r.flag}
                                    </div>
                                  )}
                                  {r.note && <div className="muted">{r.note}</div>}
                                </td>
                                <td>{formatDateTime(r.createdAt, locale)}</td>
                                <td>{r.author}</td>
                                <td>
                                  {r.uploadKind
                                    ? (t.provenance.uploadKind as Record<string, string>)[
                                        r.uploadKind
                                      ]
                                    : ""}
                                  {r.uploadFilename && <div>{r.uploadFilename}</div>}
                                  {r.source && r.source !== f.source && (
                                    <div className="muted">{r.source}</div>
                                  )}
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </details>
                    </td>
                    <td>{formatDateTime(f.updatedAt, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

function flagName(names: Record<string, string>, flag: string): string | undefined {
  return names[flag];
}
