import { loadProgramDefinitions } from "@spm/db";
import { getAlert } from "@spm/services";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AlertActions } from "~/components/alerts/alert-actions";
import { AlertStatusBadge } from "~/components/alerts/alert-status";
import { formatWhen, nameBook } from "~/components/alerts/describe";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

/** One alert: its facts, acknowledge and silence, its history and the notices it sent. */
export default async function AlertPage(props: { params: Promise<{ id: string }> }) {
  await connection();
  await requireUser("manager");
  const { id } = await props.params;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const { locale, t: common } = await getMessages();
  const t = getAlertsMessages(locale);
  const [alert, programs] = await Promise.all([getAlert(db(), id), loadProgramDefinitions(db())]);
  if (!alert) notFound();
  const names = nameBook(programs, locale);
  const program = programs.find((p) => p.code === alert.programCode);
  const national = program?.nation.code === alert.region;
  const link = `/indicators/${alert.indicator}${national ? "" : `?region=${alert.region}`}`;
  const levelWord = (level: string) => (common.level as Record<string, string>)[level] ?? level;
  const silenced = alert.silencedUntil !== null && alert.silencedUntil > new Date();
  return (
    <>
      <p>
        <a href="/alerts">← {t.detail.back}</a>
      </p>
      <h1>
        {names.indicator(alert.indicator)} · {names.place(alert.region)}
      </h1>
      <p>
        <AlertStatusBadge status={alert.status} labels={t.status} /> {alert.rule.name}
      </p>
      {alert.retired && <p className="notice">{t.detail.retired}</p>}
      <section aria-labelledby="facts">
        <h2 id="facts">{t.detail.facts}</h2>
        <dl className="facts">
          <dt>{t.columns.indicator}</dt>
          <dd>
            <a href={link}>{names.indicator(alert.indicator)}</a> ({alert.indicator})
          </dd>
          <dt>{t.columns.level}</dt>
          <dd>
            {alert.level ? <StatusBadge level={alert.level} label={levelWord(alert.level)} /> : "—"}
          </dd>
          <dt>{t.columns.value}</dt>
          <dd>{alert.value === null ? "—" : formatValue(alert.value, locale)}</dd>
          <dt>{t.detail.firedAt}</dt>
          <dd>{formatWhen(alert.firedAt, locale)}</dd>
          <dt>{t.detail.lastNotified}</dt>
          <dd>{formatWhen(alert.lastNotifiedAt, locale)}</dd>
          <dt>{t.detail.evaluatedAt}</dt>
          <dd>{formatWhen(alert.evaluatedAt, locale)}</dd>
        </dl>
        {alert.acknowledged && (
          <p data-acknowledged>
            {format(t.acknowledged, {
              by: alert.acknowledged.by,
              comment: alert.acknowledged.comment,
            })}
          </p>
        )}
        {silenced && (
          <p data-silenced>
            {format(t.silencedUntil, { until: formatWhen(alert.silencedUntil, locale) })}
          </p>
        )}
      </section>
      {!alert.retired && (
        <AlertActions
          id={alert.id}
          firing={alert.status === "firing" && !alert.acknowledged}
          silenced={silenced}
          t={t}
        />
      )}
      <section aria-labelledby="history">
        <h2 id="history">{t.detail.history}</h2>
        {alert.events.length === 0 ? (
          <p className="empty">{t.detail.noHistory}</p>
        ) : (
          <ol className="history" data-history>
            {alert.events.map((e) => (
              <li key={e.id} data-event={e.kind}>
                <time dateTime={new Date(e.at).toISOString()}>{formatWhen(e.at, locale)}</time>{" "}
                {(t.detail.event as Record<string, string>)[e.kind] ?? e.kind}
                {e.level && <> · {levelWord(e.level)}</>}
                {e.value !== null && <> · {formatValue(e.value, locale)}</>}
                {e.until && (
                  <> · {format(t.silencedUntil, { until: formatWhen(e.until, locale) })}</>
                )}
                {e.actor && <> {format(t.detail.by, { actor: e.actor })}</>}
                {e.comment && <> — “{e.comment}”</>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="notices">
        <h2 id="notices">{t.detail.notifications}</h2>
        {alert.notifications.length === 0 ? (
          <p className="empty">{t.detail.noNotifications}</p>
        ) : (
          <ScrollBox label={t.detail.notifications}>
            <table data-notices>
              <thead>
                <tr>
                  <th scope="col">{t.deliveries.when}</th>
                  <th scope="col">{t.deliveries.channel}</th>
                  <th scope="col">{t.deliveries.to}</th>
                  <th scope="col">{t.outbox.status}</th>
                  <th scope="col">{t.deliveries.error}</th>
                </tr>
              </thead>
              <tbody>
                {alert.notifications.map((n) => (
                  <tr key={n.id}>
                    <td>{formatWhen(n.createdAt, locale)}</td>
                    <td>
                      {(t.channel as Record<string, string>)[n.channel] ?? n.channel} ·{" "}
                      {
                        (t.status as Record<string, string>)[
                          n.kind === "resolved" ? "normal" : "firing"
                        ]
                      }
                    </td>
                    <td>{n.address ?? "—"}</td>
                    <td>{(t.delivery as Record<string, string>)[n.status] ?? n.status}</td>
                    <td>{n.lastError ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>
    </>
  );
}
