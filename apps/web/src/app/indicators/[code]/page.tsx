import { loadProgramDefinitions } from "@spm/db";
import { agencyOf } from "@spm/kpi";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import styles from "~/components/indicator/indicator.module.css";
import { ViewDatesNotice } from "~/components/view-dates-notice";
import { getIndicatorMessages } from "~/i18n/indicator";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatValue } from "~/lib/format";
import { decodeSegment } from "~/lib/path-segment";
import { requireUser } from "~/lib/session";
import { ChartSection } from "./_sections/chart-section";
import { backHref, type SectionContext } from "./_sections/context";
import { IndicatorHeader } from "./_sections/indicator-header";
import { ManageSection } from "./_sections/manage-section";
import { NarrativesSection } from "./_sections/narratives-section";
import { ProvenanceSection } from "./_sections/provenance-section";
import { RegionsSection } from "./_sections/regions-section";
import { StatusSection } from "./_sections/status-section";
import { ViewForm } from "./_sections/view-form";
import { YearsTable } from "./_sections/years-table";
import { approvedYears, chartData, loadIndicatorPage, loadProvenance, yearStatuses } from "./data";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return { title: decodeSegment(code) ?? "" };
}

export default async function IndicatorPage({ params, searchParams }: Props) {
  await connection();
  const user = await requireUser("viewer");
  const [{ code: rawCode }, search, { locale, t: common }] = await Promise.all([
    params,
    searchParams,
    getMessages(),
  ]);
  const t = getIndicatorMessages(locale);
  const code = decodeSegment(rawCode);
  if (code === null) notFound();
  const reader = { locale, mayReadConfidential: user.confidential };
  const { query, data } = await loadIndicatorPage(code, search, reader);
  if (!data) notFound();
  const figures = await loadProvenance(data);
  const unit = common.unit[data.view.indicator.unit];
  const ctx: SectionContext = {
    data,
    query,
    locale,
    t,
    common,
    unit,
    value: (v) => (v === null ? t.status.none : `${formatValue(v, locale)}${unit}`),
  };
  const regionNames = new Map(data.program.regions.map((r) => [r.code, r.name[locale]]));
  const nationName = regionNames.get(data.nationCode) ?? "";
  // A figure's newest revision is its current value: label the page when one is synthetic.
  const demo = figures.some((f) => f.revisions[0]?.uploadKind === "demo");
  const finalYear = data.view.status.inputs.finalTarget?.year ?? data.program.years.end;
  const definition = (await loadProgramDefinitions(db())).find((p) => p.code === data.program.code);
  const agency = definition ? agencyOf(definition, data.view.indicator) : undefined;
  const approved = await approvedYears(data.program.code, data.region);

  return (
    <article className={styles.page} aria-labelledby="indicator-title">
      <p>
        <Link href={backHref(ctx)} data-back>
          {t.back}
        </Link>
      </p>
      <IndicatorHeader ctx={ctx} demo={demo} agency={agency?.name[locale]} />
      <ViewDatesNotice dates={query} t={common} />
      <ViewForm ctx={ctx} nationName={nationName} />
      <StatusSection ctx={ctx} finalYear={finalYear} />
      <ChartSection ctx={ctx} chart={chartData(data, figures)} />
      <YearsTable ctx={ctx} statuses={yearStatuses(data)} approved={approved} />
      <NarrativesSection ctx={ctx} canWrite={user.role !== "viewer"} />
      {data.regions.length > 0 && <RegionsSection ctx={ctx} nationName={nationName} />}
      <ProvenanceSection ctx={ctx} figures={figures} regionNames={regionNames} />
      {(user.role === "manager" || user.role === "admin") && <ManageSection ctx={ctx} />}
    </article>
  );
}
