import { getMessages } from "~/i18n/server";

export default async function NotFound() {
  const { t } = await getMessages();
  return (
    <section>
      <h1>{t.error.notFound}</h1>
      <p>
        <a href="/">{t.nav.overview}</a>
      </p>
    </section>
  );
}
