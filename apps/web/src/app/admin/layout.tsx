import { connection } from "next/server";
import type { ReactNode } from "react";
import { AdminNav } from "~/components/admin/admin-nav";
import { getAdminMessages } from "~/i18n/admin";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/lib/session";

/** The administration area: admins only, with its own section tabs. */
export default async function AdminLayout(props: { children: ReactNode }) {
  await connection();
  await requireUser("admin");
  const { locale } = await getMessages();
  return (
    <>
      <AdminNav labels={getAdminMessages(locale).nav} />
      {props.children}
    </>
  );
}
