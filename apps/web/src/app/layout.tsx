import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LanguageSwitch } from "~/components/language-switch";
import { getMessages } from "~/i18n/server";
import "./globals.css";

export const metadata: Metadata = { title: "State Program Monitor" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  return (
    <html lang={locale}>
      <body>
        <a className="skip" href="#main">
          {t.app.skip}
        </a>
        <header className="site-header">
          <a className="brand" href="/">
            {t.app.title}
          </a>
          <nav aria-label={t.app.title}>
            <a href="/">{t.nav.overview}</a>
          </nav>
          <LanguageSwitch locale={locale} labels={t.lang} />
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
