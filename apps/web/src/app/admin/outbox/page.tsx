import { listDeliveries, showDelivery } from "@spm/services";
import { connection } from "next/server";
import { formatWhen } from "~/components/alerts/describe";
import { ScrollBox } from "~/components/scroll-box";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

/** E-mails as written: kept here when no SMTP server is configured, and sent ones for the record. */
export default async function OutboxPage() {
  await connection();
  // Its own check: on a client navigation Next renders this page without the admin layout.
  const user = await requireUser("admin");
  const { locale } = await getMessages();
  const t = getAlertsMessages(locale);
  const emails = (await listDeliveries(db(), { channel: "email", limit: 200 })).map((row) =>
    showDelivery(row, user.confidential),
  );
  return (
    <>
      <h1>{t.outbox.title}</h1>
      <p className="muted">{t.outbox.intro}</p>
      {emails.length === 0 ? (
        <p className="empty">{t.outbox.none}</p>
      ) : (
        <ScrollBox label={t.outbox.title}>
          <table data-outbox>
            <thead>
              <tr>
                <th scope="col">{t.outbox.when}</th>
                <th scope="col">{t.outbox.to}</th>
                <th scope="col">{t.outbox.subject}</th>
                <th scope="col">{t.outbox.status}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((mail) => {
                const message = mail.message as { subject?: string; text?: string } | null;
                return (
                  <tr key={mail.id} data-email={mail.id}>
                    <td>{formatWhen(mail.created_at, locale)}</td>
                    <td>{mail.address}</td>
                    <td>
                      {message?.subject ? (
                        <details>
                          <summary>{message.subject}</summary>
                          {mail.withheld ? (
                            <p className="muted" data-withheld="">
                              {t.outbox.withheld}
                            </p>
                          ) : (
                            <pre className="mail-body">{message.text}</pre>
                          )}
                        </details>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      {(t.delivery as Record<string, string>)[mail.status] ?? mail.status}
                      {mail.last_error && <p className="muted">{mail.last_error}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
