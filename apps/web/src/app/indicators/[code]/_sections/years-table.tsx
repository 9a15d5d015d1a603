import { type CurrentStatus, targetSourceOf } from "@spm/kpi";
import { ColumnHeads } from "~/components/column-heads";
import { formatRatio } from "~/components/indicator/format";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { formatTarget } from "~/lib/format";
import type { SectionContext } from "./context";

/** Each year's value, target and status at its year end, with what qualifies the value. */
export function YearsTable(props: {
  ctx: SectionContext;
  statuses: Map<number, CurrentStatus>;
  /** The years whose figures at this place are approved (the others are provisional). */
  approved: ReadonlySet<number>;
}) {
  const { data, t, common, locale, unit, value } = props.ctx;
  const { indicator, series } = data.view;
  const caption = format(t.table.caption, { region: data.regionName });
  return (
    <section aria-labelledby="years-title">
      <h2 id="years-title">{t.table.title}</h2>
      <ScrollBox label={caption}>
        <table data-table="years">
          <caption className="visually-hidden">{caption}</caption>
          <ColumnHeads
            columns={[
              t.table.year,
              t.table.value,
              t.table.target,
              t.table.status,
              t.table.approval,
              t.table.notes,
            ]}
          />
          <tbody>
            {series.map((p) => {
              const s = props.statuses.get(p.year);
              const notes = [
                p.year < indicator.baseline.year ? t.table.history : null,
                p.year === indicator.baseline.year ? t.table.baselineYear : null,
                p.derived ? t.table.derived : null,
                p.value !== null && !p.complete ? t.table.incomplete : null,
                p.lastPeriod && p.lastPeriod !== String(p.year)
                  ? format(t.table.lastPeriod, { period: p.lastPeriod })
                  : null,
                p.target !== null && targetSourceOf(indicator, p.year) === "illustrative"
                  ? t.table.illustrativeTarget
                  : null,
              ].filter((n): n is string => n !== null);
              return (
                <tr key={p.year} data-year={p.year}>
                  <th scope="row">{p.year}</th>
                  <td className="num">
                    {p.confidential && p.value === null ? t.flag.confidential : value(p.value)}
                  </td>
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
                    {p.value !== null && (
                      <ApprovalMark approved={props.approved.has(p.year)} t={t} />
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
      </ScrollBox>
    </section>
  );
}

/** A yearly point's approval: an icon and a word, never a colour alone. */
function ApprovalMark(props: { approved: boolean; t: SectionContext["t"] }) {
  const { approved, t } = props;
  return (
    <span data-approval={approved ? "approved" : "provisional"}>
      <span aria-hidden="true">{approved ? "✔ " : "◌ "}</span>
      {approved ? t.table.approved : t.table.provisional}
    </span>
  );
}
