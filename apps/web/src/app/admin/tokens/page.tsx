import { listApiTokens, listPrograms, listUsers, TOKEN_MAX_DAYS } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import type { Metadata } from "next";
import { connection } from "next/server";
import styles from "~/components/admin/admin.module.css";
import { toRegionOptions, toTokenRow } from "~/components/admin/rows";
import { TokenCreateForm } from "~/components/admin/token-create-form";
import { TokensTable } from "~/components/admin/tokens-table";
import { getAdminMessages } from "~/i18n/admin";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  return { title: `${t.tokens.title} · ${t.title}` };
}

export default async function AdminTokensPage() {
  await connection();
  await requireUser("admin");
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  const [tokens, users, programs] = await Promise.all([
    listApiTokens(db()),
    listUsers(db()),
    listPrograms(db()),
  ]);
  const now = new Date();
  const creators = new Map(
    users.map((u) => [u.id, { username: u.username, role: u.role, disabled: !!u.disabled_at }]),
  );
  return (
    <section aria-labelledby="tokens-title" className={styles.columns}>
      <div>
        <h1 id="tokens-title">{t.tokens.title}</h1>
        <p className="muted">{t.tokens.intro}</p>
      </div>
      <div className={styles.formBox}>
        <TokenCreateForm
          regions={toRegionOptions(programs, locale)}
          today={toIsoDate(now)}
          latest={toIsoDate(new Date(now.getTime() + TOKEN_MAX_DAYS * 86_400_000))}
          labels={t}
        />
      </div>
      <TokensTable
        tokens={tokens.map((k) => toTokenRow(k, { now, locale, creators }))}
        labels={t}
      />
    </section>
  );
}
