import { hasDemoData } from "@spm/db";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LanguageSwitch } from "~/components/language-switch";
import { SignOutButton } from "~/components/sign-out";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { currentUser } from "~/lib/session";
import "./globals.css";

export const metadata: Metadata = { title: "State Program Monitor" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getMessages(), currentUser()]);
  // Only after the request is known: pages such as /_not-found are prerendered without a database.
  const demo = user ? await hasDemoData(db()).catch(() => false) : false;
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
            {user && <a href="/">{t.nav.overview}</a>}
            {user && <a href="/regions">{t.nav.regions}</a>}
            {user && user.role !== "viewer" && <a href="/uploads">{t.nav.uploads}</a>}
            {user?.role === "admin" && <a href="/admin">{t.nav.admin}</a>}
          </nav>
          {user && (
            <span className="user">
              {format(t.auth.signedInAs, {
                name: user.display_name ?? user.username,
                role: t.role[user.role],
              })}
              <SignOutButton label={t.auth.signOut} />
            </span>
          )}
          <LanguageSwitch locale={locale} labels={t.lang} />
        </header>
        {user && demo && (
          <p className="demo-banner" role="note">
            {t.demo.banner}
          </p>
        )}
        {/* Focusable by the skip link only: the next Tab goes on from the page's content. */}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
