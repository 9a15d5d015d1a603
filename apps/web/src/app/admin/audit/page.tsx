import { listApiTokens, listAudit, listUsers } from "@spm/db";
import type { Metadata } from "next";
import { connection } from "next/server";
import { z } from "zod";
import { AuditFilter } from "~/components/admin/audit-filter";
import { AuditTable } from "~/components/admin/audit-table";
import { format } from "~/i18n";
import { getAdminMessages } from "~/i18n/admin";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

// An empty filter field means "any"; the limits match the API's own.
const blank = (v: unknown) => (v === "" || Array.isArray(v) ? undefined : v);
const filterSchema = z.object({
  entityType: z.preprocess(blank, z.string().trim().max(50).optional()).catch(undefined),
  entityId: z.preprocess(blank, z.string().trim().max(100).optional()).catch(undefined),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(1000).default(100)).catch(100),
});

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  return { title: `${t.audit.title} · ${t.title}` };
}

export default async function AdminAuditPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  await requireUser("admin");
  const { locale } = await getMessages();
  const t = getAdminMessages(locale);
  const filter = filterSchema.parse(await props.searchParams);
  const [entries, users, tokens] = await Promise.all([
    listAudit(db(), filter),
    listUsers(db()),
    listApiTokens(db()),
  ]);
  const names = {
    users: new Map(users.map((u) => [u.id, u.username])),
    tokens: new Map(tokens.map((k) => [k.id, k.name])),
  };
  const filtered = Boolean(filter.entityType || filter.entityId);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t.audit.title}</h1>
      <p className="muted">{t.audit.intro}</p>
      <AuditFilter entityType={filter.entityType} entityId={filter.entityId} labels={t.audit} />
      {entries.length === 0 ? (
        <p className="empty">{filtered ? t.audit.emptyFiltered : t.audit.empty}</p>
      ) : (
        <>
          <p className="muted">{format(t.audit.showing, { count: entries.length })}</p>
          <AuditTable entries={entries} names={names} locale={locale} labels={t.audit} />
        </>
      )}
    </section>
  );
}
