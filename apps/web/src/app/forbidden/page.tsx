import { getMessages } from "~/i18n/server";

export default async function ForbiddenPage() {
  const { t } = await getMessages();
  return (
    <section>
      <h1>{t.auth.forbiddenTitle}</h1>
      <p>{t.auth.forbiddenText}</p>
    </section>
  );
}
