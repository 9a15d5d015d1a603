import type { ReportSchedule } from "@spm/db";
import { LOCALES, type Locale } from "@spm/kpi";
import { formatDateTime } from "~/components/admin/format";
import { format } from "~/i18n";
import type { Messages } from "~/i18n/messages/en";
import type { ReportsMessages } from "~/i18n/reports";
import { ScheduleDelete, ScheduleForm } from "./schedule-form";

/** Managers' part of the reports page: the scheduled e-mails of the annual report, and a new one. */
export function SchedulesSection(props: {
  schedules: ReportSchedule[];
  programs: { code: string; name: string }[];
  locale: Locale;
  t: ReportsMessages["schedule"];
  common: Messages;
}) {
  const { t, locale } = props;
  const nameOf = new Map(props.programs.map((p) => [p.code, p.name]));
  const when = (d: Date | null) => (d ? formatDateTime(new Date(d), locale) : "—");
  return (
    <section aria-labelledby="schedules-title" data-schedules>
      <h2 id="schedules-title">{t.title}</h2>
      <p>{t.intro}</p>
      {props.schedules.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.program}</th>
              <th scope="col">{t.frequency}</th>
              <th scope="col">{t.recipients}</th>
              <th scope="col">{t.next}</th>
              <th scope="col">{t.lastSent}</th>
              <th scope="col">{t.lastError}</th>
              <th scope="col">
                <span className="visually-hidden">{t.delete}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.schedules.map((s) => (
              <tr key={s.id} data-schedule={s.id}>
                <td>
                  {nameOf.get(s.program_code) ?? s.program_code}
                  {s.region ? ` (${s.region})` : ""} ·{" "}
                  {props.common.lang[s.lang as Locale] ?? s.lang}
                </td>
                <td>{t[s.frequency]}</td>
                <td>{s.recipients.join(", ")}</td>
                <td>{when(s.next_run_at)}</td>
                <td>{when(s.last_sent_at)}</td>
                <td>{s.last_error ?? ""}</td>
                <td>
                  <ScheduleDelete
                    id={s.id}
                    text={t.delete}
                    label={format(t.deleteLabel, { recipients: s.recipients.join(", ") })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ScheduleForm
        programs={props.programs}
        languages={LOCALES.map((code) => ({ code, name: props.common.lang[code] }))}
        locale={locale}
        t={t}
      />
    </section>
  );
}
