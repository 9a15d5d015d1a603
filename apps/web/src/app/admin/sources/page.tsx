import { listPrograms } from "@spm/db";
import { listSources } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import styles from "~/components/admin/admin.module.css";
import { SourceCreateForm } from "~/components/admin/source-create-form";
import { SourcesTable } from "~/components/admin/sources-table";
import { getAdminMessages } from "~/i18n/admin";
import { getMessages } from "~/i18n/server";
import { getSourcesMessages } from "~/i18n/sources";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: `${getSourcesMessages(locale).title} · ${getAdminMessages(locale).title}` };
}

/** Sources: scheduled pulls into uploads, with their last pull and a form to add one. */
export default async function AdminSourcesPage() {
  await connection();
  // Its own check: on a client navigation Next renders this page without the admin layout.
  await requireUser("admin");
  const { locale } = await getMessages();
  const t = getSourcesMessages(locale);
  const [sources, programs] = await Promise.all([listSources(db()), listPrograms(db())]);
  return (
    <section aria-labelledby="sources-title" className={styles.columns}>
      <div>
        <h1 id="sources-title">{t.title}</h1>
        <p className="muted">{t.intro}</p>
      </div>
      <SourcesTable sources={sources} t={t} locale={locale} />
      <div className={styles.formBox}>
        <SourceCreateForm
          programs={programs.map((p) => p.code)}
          labels={t}
          errors={getAdminMessages(locale).errors}
        />
      </div>
    </section>
  );
}
