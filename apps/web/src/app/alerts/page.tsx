import { loadProgramDefinitions } from "@spm/db";
import { listAlertRules, listAlerts, listDeliveries } from "@spm/services";
import { connection } from "next/server";
import { AlertStatusBadge } from "~/components/alerts/alert-status";
import {
  describeCondition,
  describeScope,
  formatWhen,
  nameBook,
} from "~/components/alerts/describe";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

/** Managers' alerts page: firing and pending (or resolved) alerts, delivery problems, rules. */
export default async function AlertsPage(props: { searchParams: Promise<{ state?: string }> }) {
  await connection();
  await requireUser("manager");
  const { locale, t: common } = await getMessages();
  const t = getAlertsMessages(locale);
  const { state: given } = await props.searchParams;
  const state = given === "resolved" ? "resolved" : "active";
  const [alerts, rules, failed, programs] = await Promise.all([
    listAlerts(db(), { state }),
    listAlertRules(db()),
    listDeliveries(db(), { status: "failed", limit: 50 }),
    loadProgramDefinitions(db()),
  ]);
  const names = nameBook(programs, locale);
  const levelWord = (level: string | null) =>
    level ? ((common.level as Record<string, string>)[level] ?? level) : "—";
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <nav aria-label={t.tabs.label} className="tabs">
        <a href="/alerts" aria-current={state === "active" ? "page" : undefined}>
          {t.tabs.active}
        </a>
        <a href="/alerts?state=resolved" aria-current={state === "resolved" ? "page" : undefined}>
          {t.tabs.resolved}
        </a>
      </nav>
      {alerts.length === 0 ? (
        <p className="empty">{state === "active" ? t.noActive : t.noResolved}</p>
      ) : (
        <ScrollBox label={t.title}>
          <table data-alerts className="stacked">
            <thead>
              <tr>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.indicator}</th>
                <th scope="col">{t.columns.place}</th>
                <th scope="col">{t.columns.level}</th>
                <th scope="col">{t.columns.value}</th>
                <th scope="col">{t.columns.since}</th>
                <th scope="col">{t.columns.rule}</th>
                <th scope="col">{t.columns.notes}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr
                  key={a.id}
                  data-alert={a.id}
                  data-indicator={a.indicator}
                  data-status={a.status}
                >
                  <td data-label={t.columns.status}>
                    <AlertStatusBadge status={a.status} labels={t.status} />
                  </td>
                  <td data-label={t.columns.indicator}>
                    <a href={`/alerts/${a.id}`}>{names.indicator(a.indicator)}</a>{" "}
                    <span className="muted">{a.indicator}</span>
                  </td>
                  <td data-label={t.columns.place}>{names.place(a.region)}</td>
                  <td data-label={t.columns.level}>
                    {a.level && <StatusBadge level={a.level} label={levelWord(a.level)} />}
                  </td>
                  <td data-label={t.columns.value}>
                    {a.value === null ? "—" : formatValue(a.value, locale)}
                  </td>
                  <td data-label={t.columns.since}>
                    {formatWhen(a.status === "normal" ? a.since : (a.firedAt ?? a.since), locale)}
                  </td>
                  <td data-label={t.columns.rule}>{a.rule.name}</td>
                  <td data-label={t.columns.notes}>
                    {a.acknowledged && (
                      <p>
                        {format(t.acknowledged, {
                          by: a.acknowledged.by,
                          comment: a.acknowledged.comment,
                        })}
                      </p>
                    )}
                    {a.silencedUntil && a.silencedUntil > new Date() && (
                      <p>
                        {format(t.silencedUntil, { until: formatWhen(a.silencedUntil, locale) })}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}

      <h2>{t.deliveries.title}</h2>
      {failed.length === 0 ? (
        <p className="empty">{t.deliveries.none}</p>
      ) : (
        <ScrollBox label={t.deliveries.title}>
          <table data-failed-deliveries>
            <thead>
              <tr>
                <th scope="col">{t.deliveries.channel}</th>
                <th scope="col">{t.deliveries.to}</th>
                <th scope="col">{t.deliveries.attempts}</th>
                <th scope="col">{t.deliveries.error}</th>
                <th scope="col">{t.deliveries.when}</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((d) => (
                <tr key={d.id}>
                  <td>{t.channel[d.channel]}</td>
                  <td>
                    {d.alert_id ? <a href={`/alerts/${d.alert_id}`}>{d.address}</a> : d.address}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.last_error}</td>
                  <td>{formatWhen(d.created_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}

      <h2 id="rules">{t.rules.title}</h2>
      <p>
        <a className="button" href="/alerts/rules/new">
          {t.rules.add}
        </a>
      </p>
      {rules.length === 0 ? (
        <p className="empty">{t.rules.none}</p>
      ) : (
        <ScrollBox label={t.rules.title}>
          <table data-rules>
            <thead>
              <tr>
                <th scope="col">{t.rules.name}</th>
                <th scope="col">{t.rules.scope}</th>
                <th scope="col">{t.rules.condition}</th>
                <th scope="col">{t.rules.channels}</th>
                <th scope="col">{t.rules.enabled}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id} data-rule={r.id}>
                  <td>
                    <a href={`/alerts/rules/${r.id}`}>{r.rule.name}</a>{" "}
                    <span className="muted">{r.programCode}</span>
                  </td>
                  <td>{describeScope(r.rule, t)}</td>
                  <td>{describeCondition(r.rule, t, common, locale)}</td>
                  <td>{r.rule.channels.map((c) => t.channel[c]).join(", ")}</td>
                  <td>{r.rule.enabled ? t.rules.enabled : t.rules.disabled}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
