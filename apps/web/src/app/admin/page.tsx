import { listApiTokens, listUsers } from "@spm/db";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import styles from "~/components/admin/admin.module.css";
import { format } from "~/i18n";
import { getAdminMessages } from "~/i18n/admin";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: getAdminMessages(locale).title };
}

export default async function AdminHomePage() {
  await connection();
  await requireUser("admin");
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  const [users, tokens] = await Promise.all([listUsers(db()), listApiTokens(db())]);
  const now = new Date();
  const live = tokens.filter((k) => !k.revokedAt && (!k.expiresAt || k.expiresAt > now));
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t.title}</h1>
      <p className="muted">{t.home.intro}</p>
      <ul className={styles.cards}>
        <li>
          <h2>
            <Link href="/admin/users">{t.nav.users}</Link>
          </h2>
          <p>{format(t.home.users, { count: users.length })}</p>
        </li>
        <li>
          <h2>
            <Link href="/admin/tokens">{t.nav.tokens}</Link>
          </h2>
          <p>{format(t.home.tokens, { count: live.length })}</p>
        </li>
        <li>
          <h2>
            <Link href="/admin/audit">{t.nav.audit}</Link>
          </h2>
          <p>{t.home.audit}</p>
        </li>
        <li>
          <h2>
            <Link href="/admin/programs">{t.nav.programs}</Link>
          </h2>
          <p>{t.home.programs}</p>
        </li>
        <li>
          <h2>
            {/* Served by the ingest API under the same origin (a rewrite), not by this app. */}
            <a href="/admin/queues">{t.home.queues}</a>
          </h2>
          <p>{t.home.queuesText}</p>
        </li>
      </ul>
    </section>
  );
}
