import { listPrograms, listUsers, toPublicUser } from "@spm/db";
import { listAgencies } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import styles from "~/components/admin/admin.module.css";
import { toRegionOptions, toUserRow } from "~/components/admin/rows";
import { UserCreateForm } from "~/components/admin/user-create-form";
import { UsersTable } from "~/components/admin/users-table";
import { getAdminMessages } from "~/i18n/admin";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  return { title: `${t.users.title} · ${t.title}` };
}

export default async function AdminUsersPage() {
  await connection();
  const me = await requireUser("admin");
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  const [users, programs, agencyList] = await Promise.all([
    listUsers(db()),
    listPrograms(db()),
    listAgencies(db()),
  ]);
  const regions = toRegionOptions(programs, locale);
  const agencies = agencyList.map((a) => ({ code: a.code, name: a.name[locale] }));
  return (
    <section aria-labelledby="users-title" className={styles.columns}>
      <div>
        <h1 id="users-title">{t.users.title}</h1>
        <p className="muted">{t.users.intro}</p>
      </div>
      <div className={styles.formBox}>
        <UserCreateForm regions={regions} agencies={agencies} labels={t} />
      </div>
      <UsersTable
        users={users.map((u) => toUserRow(toPublicUser(u)))}
        currentUserId={me.id}
        regions={regions}
        agencies={agencies}
        labels={t}
      />
    </section>
  );
}
