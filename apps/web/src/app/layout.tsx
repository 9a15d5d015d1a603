import { hasDemoData } from "@spm/db";
import { countUnread } from "@spm/services";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LanguageSwitch } from "~/components/language-switch";
import { SignOutButton } from "~/components/sign-out";
import { StatusIconSprite } from "~/components/status-badge";
import { format } from "~/i18n";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { currentUser } from "~/lib/session";
import "./globals.css";

export const metadata: Metadata = { title: "State Program Monitor" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getMessages(), currentUser()]);
  // Only after the request is known: pages such as /_not-found are prerendered without a database.
  const [demo, unread] = user
    ? await Promise.all([
        hasDemoData(db()).catch(() => false),
        countUnread(db(), user.id).catch(() => 0),
      ])
    : [false, 0];
  const alertsT = getAlertsMessages(locale);
  return (
    <html lang={locale}>
      <body>
        <StatusIconSprite />
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
            {user && (user.role === "manager" || user.role === "admin") && (
              <a href="/alerts">{t.nav.alerts}</a>
            )}
            {user?.role === "admin" && <a href="/admin">{t.nav.admin}</a>}
          </nav>
          {user && (
            <a
              className="bell"
              href="/notifications"
              data-unread={unread}
              aria-label={
                unread > 0
                  ? `${alertsT.inbox.bell}, ${format(alertsT.inbox.unread, { n: unread })}`
                  : alertsT.inbox.bell
              }
            >
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <path
                  d="M8 2a4 4 0 0 0-4 4v3l-1.5 2h11L12 9V6a4 4 0 0 0-4-4zM6.5 13a1.5 1.5 0 0 0 3 0"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.4"
                />
              </svg>
              <span>{alertsT.inbox.bell}</span>
              {unread > 0 && <span className="count">{unread}</span>}
            </a>
          )}
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
