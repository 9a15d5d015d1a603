import { listPrograms, listReportSchedules } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import type { Metadata } from "next";
import { connection } from "next/server";
import { SchedulesSection } from "~/components/report/schedules-section";
import { getReportsMessages } from "~/i18n/reports";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getReportsMessages((await getMessages()).locale).list.title };
}

// The export formats offered beside each year's report (the overview's download has them all).
const FORMATS = ["csv", "xlsx", "json", "dhis2-json"] as const;

/** Every programme's years with their annual report (page and PDF) and figures to download. */
export default async function ReportsPage() {
  await connection();
  const user = await requireUser("viewer");
  const manages = user.role === "manager" || user.role === "admin";
  const { locale, t: common } = await getMessages();
  const t = getReportsMessages(locale);
  const [programs, schedules] = await Promise.all([
    listPrograms(db()),
    manages ? listReportSchedules(db()) : [],
  ]);
  const today = toIsoDate(new Date());
  const formatName = {
    csv: common.overview.downloadCsv,
    xlsx: common.overview.downloadXlsx,
    json: common.overview.downloadJson,
    "dhis2-json": common.overview.downloadDhis2,
  };
  return (
    <article aria-labelledby="reports-title">
      <h1 id="reports-title">{t.list.title}</h1>
      <p>{t.list.intro}</p>
      {programs.length === 0 && <p className="empty">{t.list.none}</p>}
      {programs.map((program) => {
        const years = Array.from(
          { length: program.years.end - program.years.start + 1 },
          (_, i) => program.years.start + i,
        ).filter((year) => `${year}-01-01` <= today);
        return (
          <section key={program.code} aria-labelledby={`p-${program.code}`}>
            <h2 id={`p-${program.code}`}>{program.name[locale]}</h2>
            <table data-reports={program.code}>
              <thead>
                <tr>
                  <th scope="col">{t.list.year}</th>
                  <th scope="col">{t.list.annual}</th>
                  <th scope="col">{t.list.figures}</th>
                  <th scope="col">{t.list.completeness}</th>
                </tr>
              </thead>
              <tbody>
                {years.reverse().map((year) => {
                  const q = new URLSearchParams({
                    program: program.code,
                    year: String(year),
                    lang: locale,
                  });
                  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
                  const exportOf = (format: string) =>
                    `/api/v1/export?${new URLSearchParams({ program: program.code, format, asOf: end, lang: locale })}`;
                  return (
                    <tr key={year}>
                      <th scope="row">{year}</th>
                      <td>
                        <a href={`/reports/annual?${q}`}>{t.list.page}</a>
                        {" · "}
                        <a href={`/api/v1/reports/annual.pdf?${q}`} download>
                          {t.list.pdf}
                        </a>
                      </td>
                      <td>
                        {FORMATS.map((format, i) => (
                          <span key={format}>
                            {i > 0 && " · "}
                            <a href={exportOf(format)} download>
                              {formatName[format]}
                            </a>
                          </span>
                        ))}
                      </td>
                      <td>
                        <a
                          href={`/completeness?${new URLSearchParams({ program: program.code, year: String(year) })}`}
                        >
                          {t.list.completenessLink}
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
      {manages && programs.length > 0 && (
        <SchedulesSection
          schedules={schedules}
          programs={programs.map((p) => ({ code: p.code, name: p.name[locale] }))}
          locale={locale}
          t={t.schedule}
          common={common}
        />
      )}
    </article>
  );
}
