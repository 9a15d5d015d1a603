import { listProgramDataStamps, listPrograms } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { evaluateIndicatorStatuses } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { AutoRefresh } from "~/components/auto-refresh";
import { ProgramCard, type ProgramCardData } from "~/components/program-card";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.programs.title };
}

/**
 * Every loaded programme's summary, the entry point when several are loaded: the national
 * levels of its indicators (as the overview counts them), when its statuses were computed,
 * and links to its overview, regions and exports.
 */
export default async function ProgramsPage() {
  await connection();
  const user = await requireUser("viewer");
  const { locale, t } = await getMessages();
  const asOf = toIsoDate(new Date());
  const [programs, stamps] = await Promise.all([listPrograms(db()), listProgramDataStamps(db())]);
  const cards: ProgramCardData[] = await Promise.all(
    programs.map(async (p) => {
      const views = await evaluateIndicatorStatuses(db(), {
        asOf,
        locale,
        program: p.code,
        mayReadConfidential: user.confidential,
      });
      const stamp = stamps.find((s) => s.programCode === p.code);
      return {
        code: p.code,
        name: p.name[locale],
        years: p.years,
        levels: views.filter((v) => v.programCode === p.code).map((v) => v.status.current.level),
        stamp: stamp ? { dataVersion: stamp.dataVersion, computedAt: stamp.computedAt } : null,
      };
    }),
  );
  return (
    <>
      <AutoRefresh />
      <h1>{t.programs.title}</h1>
      <p className="muted">{t.programs.intro}</p>
      {cards.length === 0 ? (
        <p className="empty">{t.overview.noIndicators}</p>
      ) : (
        <ul className="program-cards" data-programs>
          {cards.map((p) => (
            <ProgramCard key={p.code} program={p} locale={locale} t={t} />
          ))}
        </ul>
      )}
    </>
  );
}
