import { toIsoDate } from "@spm/kpi";
import { entrySheet } from "@spm/services";
import type { Metadata } from "next";
import { connection } from "next/server";
import { EntryGrid, type EntryRow } from "~/components/entry/entry-grid";
import { ProgramSelect } from "~/components/program-select";
import { format } from "~/i18n";
import { getEntryMessages } from "~/i18n/entry";
import { getMessages } from "~/i18n/server";
import { getUploadsMessages } from "~/i18n/uploads";
import { db } from "~/lib/db";
import { formatDay, formatPeriodName, formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getEntryMessages((await getMessages()).locale).title };
}

const PROGRAM = /^[A-Z][A-Z0-9-]{1,63}$/;

/**
 * The entry grid (stewards and up): the figures the user owes in one programme today — due and
 * overdue periods at their places — typed or pasted, checked as typed, previewed with a dry run
 * and sent as one upload of kind `form` through the API. Not cached: it is the reader's own.
 */
export default async function EntryPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const user = await requireUser("steward");
  const { locale, t: common } = await getMessages();
  const t = getEntryMessages(locale);
  const q = await props.searchParams;
  const asked = typeof q.program === "string" && PROGRAM.test(q.program) ? q.program : undefined;
  const sheet = await entrySheet(db(), {
    program: asked,
    asOf: toIsoDate(new Date()),
    locale,
    user: { regions: user.regions, confidential: user.confidential },
  });
  const indicators = new Map(sheet.indicators.map((i) => [i.code, i]));
  const places = new Map(sheet.places.map((p) => [p.code, p.name]));
  const rows: EntryRow[] = sheet.cells.map((c) => {
    const indicator = indicators.get(c.indicator);
    return {
      key: `${c.indicator}|${c.region}|${c.period}`,
      indicator: c.indicator,
      indicatorName: indicator?.name ?? c.indicator,
      unit: indicator?.unit ?? "number",
      unitLabel: indicator ? common.unit[indicator.unit] : "",
      region: c.region,
      placeName: places.get(c.region) ?? c.region,
      period: c.period,
      periodName: formatPeriodName(c.period, locale),
      dueDate: formatDay(c.dueDate, locale),
      state: c.state,
      current: c.current
        ? {
            text:
              c.current.value === null
                ? t.withheld
                : `${formatValue(c.current.value, locale)}${indicator ? common.unit[indicator.unit] : ""}`,
            source: c.current.source,
          }
        : null,
    };
  });
  return (
    <section aria-labelledby="entry-title" data-program={sheet.program?.code}>
      <h1 id="entry-title">{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {sheet.programs.length > 1 && (
        <form method="get" className="filters" aria-label={t.program}>
          <ProgramSelect label={t.program} programs={sheet.programs} value={sheet.program?.code} />
          <button type="submit">{t.show}</button>
        </form>
      )}
      {!sheet.program ? (
        <p className="empty">{t.noPrograms}</p>
      ) : rows.length === 0 ? (
        <p className="empty" data-owed="0">
          {t.nothingOwed}
        </p>
      ) : (
        <>
          {sheet.more > 0 && (
            <p className="notice" data-more={sheet.more}>
              {format(t.more, { count: sheet.more })}
            </p>
          )}
          <EntryGrid
            rows={rows}
            caption={format(t.caption, { program: sheet.program.name })}
            t={t}
            uploadsT={getUploadsMessages(locale)}
            levels={common.level}
            locale={locale}
          />
        </>
      )}
    </section>
  );
}
