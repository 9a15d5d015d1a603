import type { Locale } from "@spm/kpi";
import type { SourceView } from "@spm/services";
import { formatWhen } from "~/components/alerts/describe";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import { describeSourceError, type SourcesMessages } from "~/i18n/sources";
import { SourceActions } from "./source-actions";
import { SourcePull } from "./source-pull";

function LastPull(props: { source: SourceView; t: SourcesMessages; locale: Locale }) {
  const { source, t } = props;
  if (!source.lastPullAt) return <>{t.never}</>;
  const error = source.lastError && describeSourceError(t, source.lastError);
  return (
    <>
      {formatWhen(source.lastPullAt, props.locale)}
      {" · "}
      <span data-outcome={source.lastOutcome}>
        {source.lastOutcome ? t.outcomes[source.lastOutcome] : ""}
      </span>
      {error && <p className="error">{format(error.text, error.values)}</p>}
      {source.failures > 1 && (
        <p className="muted">{format(t.failures, { count: source.failures })}</p>
      )}
      {source.lastUploadId && (
        <p>
          <a href={`/uploads?upload=${source.lastUploadId}`}>{t.report}</a>
        </p>
      )}
    </>
  );
}

/** The sources with their last pull (when, outcome, why it failed, its report) and "pull now". */
export function SourcesTable(props: { sources: SourceView[]; t: SourcesMessages; locale: Locale }) {
  const { t } = props;
  if (props.sources.length === 0) return <p className="empty">{t.empty}</p>;
  return (
    <ScrollBox label={t.tableCaption}>
      <table data-sources>
        <caption>{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.every}</th>
            <th scope="col">{t.lastPull}</th>
            <th scope="col">{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.sources.map((s) => (
            <tr key={s.id} data-source={s.id}>
              <th scope="row">
                {s.name}
                <p className="muted">
                  {s.program} · {s.url}
                </p>
              </th>
              <td>
                {t.kinds[s.kind]}
                <p className="muted">
                  {t.auths[s.authKind]}
                  {s.hasSecret ? ` (${t.hasSecret})` : ""}
                </p>
              </td>
              <td>
                {(t.everies as Record<string, string>)[String(s.everyMinutes)] ??
                  format(t.everyMinutes, { count: s.everyMinutes })}
                <p className="muted">
                  {s.enabled
                    ? format(t.nextPull, { when: formatWhen(s.nextPullAt, props.locale) })
                    : t.disabled}
                </p>
              </td>
              <td>
                <LastPull source={s} t={t} locale={props.locale} />
              </td>
              <td>
                <SourcePull sourceId={s.id} labels={t} />
                <SourceActions source={s} labels={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
