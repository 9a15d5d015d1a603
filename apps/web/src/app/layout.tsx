import { hasDemoData } from "@spm/db";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LanguageSwitch } from "~/components/language-switch";
import { ReaderBar } from "~/components/reader-bar";
import { SiteMenu } from "~/components/site-menu";
import { StatusIconSprite } from "~/components/status-badge";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { currentUser } from "~/lib/session";
import "./globals.css";
import "./responsive.css";

export const metadata: Metadata = { title: "State Program Monitor" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getMessages(), currentUser()]);
  // Only after the request is known: pages such as /_not-found are prerendered without a database.
  // Nothing of the reader's own beyond the role is rendered here (the page cache of server.ts
  // keys pages on the role): the name and the unread count come to the browser (ReaderBar).
  const demo = user ? await hasDemoData(db()).catch(() => false) : false;
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
          <SiteMenu label={t.nav.menu} unread={user ? alertsT.inbox.unread : undefined}>
            <nav aria-label={t.app.title}>
              {user && <a href="/">{t.nav.overview}</a>}
              {user && <a href="/my">{t.nav.my}</a>}
              {user && <a href="/programs">{t.nav.programs}</a>}
              {user && <a href="/regions">{t.nav.regions}</a>}
              {user && <a href="/reports">{t.nav.reports}</a>}
              {user && user.role !== "viewer" && <a href="/entry">{t.nav.entry}</a>}
              {user && user.role !== "viewer" && <a href="/uploads">{t.nav.uploads}</a>}
              {user && user.role !== "viewer" && <a href="/data-quality">{t.nav.quality}</a>}
              {user && user.role !== "viewer" && <a href="/approvals">{t.nav.approvals}</a>}
              {user && (user.role === "manager" || user.role === "admin") && (
                <a href="/alerts">{t.nav.alerts}</a>
              )}
              {user && (user.role === "manager" || user.role === "admin") && (
                <a href="/narratives">{t.nav.narratives}</a>
              )}
              {user?.role === "admin" && <a href="/admin">{t.nav.admin}</a>}
              <a href="/api-docs">{t.nav.api}</a>
            </nav>
            {user && (
              <ReaderBar
                labels={{
                  bell: alertsT.inbox.bell,
                  unread: alertsT.inbox.unread,
                  signedInAs: t.auth.signedInAs,
                  role: t.role[user.role],
                  signOut: t.auth.signOut,
                }}
              />
            )}
            <LanguageSwitch locale={locale} labels={t.lang} />
          </SiteMenu>
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
