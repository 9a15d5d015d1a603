import { addDays, toIsoDate } from "@spm/kpi";
import { agencyIndicators } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatDay } from "~/lib/format";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.my.title };
}

/**
 * "My indicators": what the signed-in user's agency answers for — each indicator's status today,
 * what it owes next and by when, what is overdue, and the years still needing a narrative — with
 * counts on top. Not cached:
 * it is the reader's own.
 */
export default async function MyIndicatorsPage() {
  await connection();
  const user = await requireUser("viewer");
  const { locale, t } = await getMessages();
  const m = t.my;
  if (!user.agency) {
    return (
      <section aria-labelledby="my-title">
        <h1 id="my-title">{m.title}</h1>
        <p className="empty">{m.noAgency}</p>
      </section>
    );
  }
  const today = toIsoDate(new Date());
  const { agency, items } = await agencyIndicators(db(), {
    agency: user.agency,
    asOf: today,
    locale,
    mayReadConfidential: user.confidential,
  });
  const name = agency?.name[locale] ?? user.agency;
  const totals = [
    { key: "indicators", label: m.indicators, value: items.length },
    {
      key: "due-soon",
      label: m.dueSoon,
      value: items.filter((i) => i.due && !i.dueReceived && i.due.dueDate <= addDays(today, 30))
        .length,
    },
    { key: "overdue", label: m.overdue, value: items.filter((i) => i.level === "overdue").length },
    {
      key: "missing",
      label: m.missing,
      value: items.reduce((n, i) => n + i.missingNarratives.length, 0),
    },
    { key: "narratives", label: m.narratives, value: items.reduce((n, i) => n + i.narratives, 0) },
  ];
  return (
    <section aria-labelledby="my-title" data-agency={user.agency}>
      <h1 id="my-title">{m.title}</h1>
      {!agency ? (
        <p className="empty">{format(m.unknownAgency, { code: user.agency })}</p>
      ) : items.length === 0 ? (
        <p className="empty">{format(m.empty, { agency: name })}</p>
      ) : (
        <>
          <p>{format(m.intro, { agency: name })}</p>
          <dl className="counts">
            {totals.map((c) => (
              <div key={c.key} data-count={c.key}>
                <dt>{c.label}</dt>
                <dd>{c.value}</dd>
              </div>
            ))}
          </dl>
          <ScrollBox label={format(m.caption, { agency: name })}>
            <table data-table="my-indicators">
              <caption className="visually-hidden">{format(m.caption, { agency: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.indicator}</th>
                  <th scope="col">{m.status}</th>
                  <th scope="col">{m.latest}</th>
                  <th scope="col">{m.dueCol}</th>
                  <th scope="col">{m.narrativesCol}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.code} data-indicator={i.code}>
                    <th scope="row">
                      <a href={`/indicators/${encodeURIComponent(i.code)}`}>{i.name}</a>
                      <div className="muted">
                        {i.program} · {i.code}
                      </div>
                    </th>
                    <td>
                      <StatusBadge
                        level={i.level}
                        label={t.level[i.level as "red"] ?? i.level}
                        title={i.why}
                      />
                    </td>
                    <td>{i.latestPeriod ?? m.none}</td>
                    <td
                      data-due={i.due?.period ?? ""}
                      data-due-received={i.dueReceived ? "true" : undefined}
                    >
                      {i.due
                        ? format(m.dueBy, {
                            period: i.due.period,
                            date: formatDay(i.due.dueDate, locale),
                          })
                        : m.dueNone}
                      {i.dueReceived && (
                        <div>
                          <span aria-hidden="true">✓ </span>
                          {m.dueReceived}
                        </div>
                      )}
                    </td>
                    <td data-narratives={i.narratives}>
                      {i.narratives}
                      {i.missingNarratives.length > 0 && (
                        <div data-missing={i.missingNarratives.length}>
                          <span aria-hidden="true">✎ </span>
                          {format(m.missingYears, {
                            years: i.missingNarratives
                              .map((x) => `${x.year} (${x.region})`)
                              .join(", "),
                          })}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
    </section>
  );
}
