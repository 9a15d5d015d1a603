import { listPrograms } from "@spm/db";
import type { Metadata } from "next";
import { connection } from "next/server";
import styles from "~/components/admin/admin.module.css";
import { ProgramImport } from "~/components/admin/program-import";
import { ScrollBox } from "~/components/scroll-box";
import { getAdminMessages } from "~/i18n/admin";
import { getProgramsMessages } from "~/i18n/programs";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: `${getProgramsMessages(locale).title} · ${getAdminMessages(locale).title}` };
}

/** Programme files: the programmes loaded with their definitions to download, and an upload
 * checked by a dry run before it is applied. */
export default async function AdminProgramsPage() {
  await connection();
  // Its own check: on a client navigation Next renders this page without the admin layout.
  await requireUser("admin");
  const { locale } = await getMessages();
  const t = getProgramsMessages(locale);
  const programs = await listPrograms(db());
  return (
    <section aria-labelledby="programs-title" className={styles.columns}>
      <div>
        <h1 id="programs-title">{t.title}</h1>
        <p className="muted">{t.intro}</p>
      </div>
      {programs.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <ScrollBox label={t.tableCaption}>
          <table data-programs>
            <caption>{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.years}</th>
                <th scope="col">{t.download}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.code} data-program={p.code}>
                  <th scope="row">
                    <code>{p.code}</code>
                  </th>
                  <td>{p.name[locale]}</td>
                  <td>
                    {p.years.start}–{p.years.end}
                  </td>
                  <td>
                    {/* Through the dashboard's /api forwarder, which checks the session again. */}
                    <a
                      href={`/api/v1/programs/${encodeURIComponent(p.code)}/definition.yaml`}
                      download={`${p.code}.yaml`}
                    >
                      {t.download}
                      <span className="visually-hidden"> {p.code}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <div className={styles.formBox}>
        <ProgramImport labels={t} errors={getAdminMessages(locale).errors} locale={locale} />
      </div>
    </section>
  );
}
