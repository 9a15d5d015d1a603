import { redirect } from "next/navigation";
import { LoginForm } from "~/components/login-form";
import { getMessages } from "~/i18n/server";
import { safeNext } from "~/lib/safe-next";
import { currentUser } from "~/lib/session";

export default async function LoginPage(props: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await props.searchParams;
  if (await currentUser()) redirect(safeNext(next));
  const { t } = await getMessages();
  return (
    <section className="login">
      <h1>{t.auth.title}</h1>
      <LoginForm next={safeNext(next)} labels={t.auth} />
    </section>
  );
}
