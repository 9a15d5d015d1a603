import { loadProgramDefinitions } from "@spm/db";
import { type AlertNoticePayload, type ApprovalReturnedPayload, listInbox } from "@spm/services";
import { connection } from "next/server";
import { formatWhen, nameBook } from "~/components/alerts/describe";
import { MarkAllRead } from "~/components/alerts/mark-read";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

/** The reader's in-app notifications, newest first. */
export default async function NotificationsPage() {
  await connection();
  const user = await requireUser("viewer");
  const { locale, t: common } = await getMessages();
  const t = getAlertsMessages(locale);
  const [rows, programs] = await Promise.all([
    listInbox(db(), user.id, { limit: 200 }),
    loadProgramDefinitions(db()),
  ]);
  const names = nameBook(programs, locale);
  const unread = rows.filter((r) => r.status === "unread").length;
  const levelWord = (level: string) => (common.level as Record<string, string>)[level] ?? level;
  return (
    <>
      <h1>{t.inbox.title}</h1>
      {rows.length === 0 ? (
        <p className="empty">{t.inbox.none}</p>
      ) : (
        <>
          {unread > 0 && (
            <MarkAllRead label={t.inbox.markAll} done={t.inbox.marked} failed={t.errors.network} />
          )}
          <ul className="inbox" data-inbox>
            {rows.map((row) => {
              const payload = row.payload as AlertNoticePayload | ApprovalReturnedPayload;
              if (payload?.type === "approval") {
                return (
                  <li key={row.id} data-notification={row.id} data-status={row.status}>
                    {row.status === "unread" && <strong className="new">{t.inbox.new}: </strong>}
                    <span aria-hidden="true">↩ </span>
                    {format(t.inbox.returned, {
                      by: payload.by,
                      year: String(payload.year),
                      place: names.place(payload.place.code),
                      comment: payload.comment,
                    })}{" "}
                    ·{" "}
                    <time dateTime={new Date(row.created_at).toISOString()}>
                      {formatWhen(row.created_at, locale)}
                    </time>{" "}
                    · <a href={payload.path}>{t.inbox.openApprovals}</a>
                  </li>
                );
              }
              if (payload?.type !== "alert") return null;
              const p = payload;
              const template =
                p.kind === "resolved"
                  ? t.inbox.resolved
                  : p.kind === "repeat"
                    ? t.inbox.repeat
                    : t.inbox.firing;
              return (
                <li key={row.id} data-notification={row.id} data-status={row.status}>
                  {row.status === "unread" && <strong className="new">{t.inbox.new}: </strong>}
                  <StatusBadge level={p.level} label={levelWord(p.level)} />{" "}
                  {format(template, {
                    indicator: names.indicator(p.indicator.code),
                    place: names.place(p.place.code),
                    level: levelWord(p.level),
                  })}
                  {p.value !== null && <> · {formatValue(p.value, locale)}</>}
                  {p.value === null && p.confidential && <> · {t.inbox.confidential}</>} ·{" "}
                  <time dateTime={new Date(row.created_at).toISOString()}>
                    {formatWhen(row.created_at, locale)}
                  </time>{" "}
                  · <a href={p.path}>{t.inbox.open}</a> ·{" "}
                  <span className="muted">{p.rule.name}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
