import { figureSourceIn } from "@spm/kpi";
import { endOfDay } from "@spm/services";
import { ColumnHeads } from "~/components/column-heads";
import { formatDateTime } from "~/components/indicator/format";
import styles from "~/components/indicator/indicator.module.css";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import type { ShownProvenance } from "../data";
import type { SectionContext } from "./context";

const flagName = (names: Record<string, string>, flag: string): string | undefined => names[flag];

/** Where each figure of the place shown came from: its source, flag and every revision. */
export function ProvenanceSection(props: {
  ctx: SectionContext;
  figures: ShownProvenance[];
  regionNames: Map<string, string>;
}) {
  const { ctx, figures } = props;
  const { data, t, locale, value } = ctx;
  const caption =
    data.region === data.nationCode
      ? t.provenance.captionAll
      : format(t.provenance.caption, { region: data.regionName });
  return (
    <section aria-labelledby="provenance-title">
      <h2 id="provenance-title">{t.provenance.title}</h2>
      {figures.length === 0 ? (
        <p className="empty">
          {data.regions.length > 0 && data.region === data.nationCode
            ? t.provenance.emptyNational
            : t.provenance.empty}
        </p>
      ) : (
        <ScrollBox label={caption}>
          <table data-table="provenance" className={styles.provenance}>
            <caption className="visually-hidden">{caption}</caption>
            <ColumnHeads
              columns={[
                t.provenance.period,
                t.provenance.region,
                t.provenance.value,
                t.provenance.flag,
                t.provenance.source,
                t.provenance.revisions,
                t.provenance.updated,
              ]}
            />
            <tbody>
              {figures.map((f) => {
                const regionName = props.regionNames.get(f.region) ?? f.region;
                return (
                  <tr key={`${f.region}-${f.period}`} data-figure={`${f.region}|${f.period}`}>
                    <th scope="row">{f.period}</th>
                    <td>{regionName}</td>
                    <td className="num">{f.withheld ? t.flag.confidential : value(f.value)}</td>
                    <td>{f.flag ? (flagName(t.flag, f.flag) ?? f.flag) : ""}</td>
                    <td>
                      {f.source && figureSourceIn(data.view.indicator, f.source, locale)}
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
                        <RevisionsTable ctx={ctx} figure={f} regionName={regionName} />
                      </details>
                    </td>
                    <td>{formatDateTime(f.updatedAt, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}

/** Every revision of one figure, newest first: value, when, who and from which upload. */
function RevisionsTable(props: {
  ctx: SectionContext;
  figure: ShownProvenance;
  regionName: string;
}) {
  const { t, locale, value, query } = props.ctx;
  const f = props.figure;
  // As reported on a day, a revision recorded after it is marked: that report did not have it.
  const reportEnd = query.reportedOn ? endOfDay(query.reportedOn) : null;
  return (
    <table className={styles.revisions}>
      <caption className="visually-hidden">
        {format(t.provenance.revisionsCaption, { period: f.period, region: props.regionName })}
      </caption>
      <ColumnHeads
        columns={[t.provenance.value, t.provenance.when, t.provenance.author, t.provenance.upload]}
      />
      <tbody>
        {f.revisions.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: revisions have no id here and never reorder
          <tr key={i} data-after-report={reportEnd && r.createdAt >= reportEnd ? "" : undefined}>
            <td className="num">
              {r.withheld ? t.flag.confidential : value(r.value)}
              {r.flag && <div className="muted">{flagName(t.flag, r.flag) ?? r.flag}</div>}
              {r.note && <div className="muted">{r.note}</div>}
            </td>
            <td>
              {formatDateTime(r.createdAt, locale)}
              {reportEnd && r.createdAt >= reportEnd && (
                <div className="muted">
                  {format(t.provenance.afterReport, { date: query.reportedOn ?? "" })}
                </div>
              )}
            </td>
            <td>{r.author}</td>
            <td>
              {r.uploadKind
                ? (t.provenance.uploadKind as Record<string, string>)[r.uploadKind]
                : ""}
              {r.uploadFilename && <div>{r.uploadFilename}</div>}
              {r.source && r.source !== f.source && (
                <div className="muted">
                  {figureSourceIn(props.ctx.data.view.indicator, r.source, locale)}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
