import { LOCALES, type Locale, PLACE_CODE, toIsoDate } from "@spm/kpi";
import { type AnnualReport, loadAnnualReport, ServiceError } from "@spm/services";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import styles from "~/components/report/report.module.css";
import { CATALOGUES } from "~/i18n";
import { getReportsMessages } from "~/i18n/reports";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { requireReportReader } from "~/lib/report-reader";
import type { ReportContext } from "./_sections/context";
import { Cover } from "./_sections/cover";
import { IndicatorSection } from "./_sections/indicator-section";
import { Summary } from "./_sections/summary";

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The report asked for by the URL; null for a malformed query (the page is then not found). */
function readQuery(
  q: Search,
): { program: string; year: number; lang?: Locale; region?: string } | null {
  const program = first(q.program);
  const year = first(q.year);
  const lang = first(q.lang);
  const region = first(q.region);
  if (!program || !/^[A-Z][A-Z0-9-]{1,63}$/.test(program)) return null;
  if (!year || !/^\d{4}$/.test(year)) return null;
  if (lang !== undefined && !(LOCALES as readonly string[]).includes(lang)) return null;
  if (region !== undefined && !PLACE_CODE.test(region)) return null;
  return { program, year: Number(year), lang: lang as Locale | undefined, region };
}

export async function generateMetadata(props: {
  searchParams: Promise<Search>;
}): Promise<Metadata> {
  const query = readQuery(await props.searchParams);
  const t = getReportsMessages(query?.lang ?? (await getMessages()).locale);
  // The PDF's title too: the programme's code and year, in the report's language.
  return { title: query ? `${t.cover.kind} ${query.year} — ${query.program}` : t.cover.kind };
}

export default async function AnnualReportPage(props: { searchParams: Promise<Search> }) {
  await connection();
  const reader = await requireReportReader();
  const query = readQuery(await props.searchParams);
  // The programme's language when the link names it (the PDF's), else the reader's.
  const locale = query?.lang ?? (await getMessages()).locale;
  const t = getReportsMessages(locale);
  // No report named (or a malformed link): the way to the list of reports.
  if (!query)
    return (
      <article aria-labelledby="report-title">
        <h1 id="report-title">{t.cover.kind}</h1>
        <p>
          <a href="/reports">{t.list.title}</a>
        </p>
      </article>
    );
  let report: AnnualReport;
  try {
    report = await loadAnnualReport(db(), {
      ...query,
      locale,
      mayReadConfidential: reader.confidential,
      today: toIsoDate(new Date()),
    });
  } catch (error) {
    if (error instanceof ServiceError) notFound();
    throw error;
  }
  const common = CATALOGUES[locale];
  const names = new Map(
    report.indicators.map((i) => [i.view.indicator.code, i.view.indicator.name[locale]]),
  );
  const ctx: ReportContext = {
    report,
    locale,
    t,
    common,
    nameOf: (code) => names.get(code) ?? code,
    value: (v, unit, withheld = false) =>
      withheld ? t.indicator.withheld : v === null ? "—" : `${formatValue(v, locale)}${unit}`,
  };
  return (
    <article
      className={styles.report}
      lang={locale}
      data-annual-report
      aria-labelledby="report-title"
    >
      <Cover ctx={ctx} />
      <Summary ctx={ctx} />
      {report.indicators.map((item) => (
        <IndicatorSection key={item.view.indicator.code} ctx={ctx} item={item} />
      ))}
    </article>
  );
}
