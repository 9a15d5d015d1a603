import Link from "next/link";
import { ColumnHeads } from "~/components/column-heads";
import { formatIsoDate } from "~/components/indicator/format";
import styles from "~/components/indicator/indicator.module.css";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { trajectoryLabel } from "~/lib/trajectory-label";
import { hrefOf, type SectionContext } from "./context";

/** Links to each place's view and a comparison of every region's latest value and statuses. */
export function RegionsSection({ ctx, nationName }: { ctx: SectionContext; nationName: string }) {
  const { data, query, t, common, locale } = ctx;
  const places = [
    { code: data.nationCode, label: format(t.view.national, { name: nationName }) },
    ...data.regions.map((r) => ({ code: r.code, label: r.name })),
  ];
  const caption = format(t.regions.caption, { date: formatIsoDate(query.asOf, locale) });
  return (
    <section aria-labelledby="regions-title">
      <h2 id="regions-title">{t.regions.title}</h2>
      <nav aria-label={t.regions.selector}>
        <ul className={styles.regionLinks}>
          {places.map((r) => (
            <li key={r.code}>
              <Link
                href={hrefOf(ctx, r.code)}
                aria-current={r.code === data.region ? "page" : undefined}
              >
                {r.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h3>{t.regions.comparison}</h3>
      <ScrollBox label={caption}>
        <table data-table="regions">
          <caption className="visually-hidden">{caption}</caption>
          <ColumnHeads
            columns={[t.regions.region, t.regions.latest, t.regions.status, t.regions.trajectory]}
          />
          <tbody>
            {data.regions.map((r) => (
              <tr key={r.code} data-region={r.code}>
                <th scope="row">
                  <Link href={hrefOf(ctx, r.code)}>{r.name}</Link>
                  {r.code === data.region && <span className="muted"> {t.regions.current}</span>}
                </th>
                <td className="num">
                  {r.view.latest
                    ? `${shownValue(ctx, r.view.latest.value)} (${r.view.latest.period})`
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
                    label={trajectoryLabel(r.view.status.trajectory, common)}
                    title={r.view.explanation.trajectory}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

/** A value with its unit; a withheld (confidential) one shows the mark instead. */
function shownValue(ctx: SectionContext, v: number | null): string {
  return v === null ? ctx.t.flag.confidential : ctx.value(v);
}
