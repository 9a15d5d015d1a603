import { evaluateIndicatorStatuses, listPrograms } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { connection } from "next/server";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";

/** Regions × regional indicators: the current status of every cell, each a link to its history. */
export default async function RegionsPage(props: { searchParams: Promise<{ program?: string }> }) {
  await connection();
  await requireUser("viewer");
  const { locale, t } = await getMessages();
  const { program: wanted } = await props.searchParams;
  const programs = await listPrograms(db());
  const program = programs.find((p) => p.code === wanted) ?? programs[0];
  if (!program) return <p className="empty">{t.overview.noIndicators}</p>;
  const asOf = toIsoDate(new Date());
  const regions = program.regions.filter((r) => r.kind === "region");
  const byRegion = await Promise.all(
    regions.map((r) => evaluateIndicatorStatuses(db(), { asOf, region: r.code, locale })),
  );
  const indicators = (byRegion[0] ?? []).filter(
    (v) => v.programCode === program.code && v.indicator.disaggregation === "regional",
  );
  return (
    <>
      <h1>{t.regions.title}</h1>
      <p className="muted">
        {program.name[locale]} · {format(t.overview.asOf, { date: asOf })}
      </p>
      {indicators.length === 0 ? (
        <p className="empty">{t.regions.none}</p>
      ) : (
        <div className="grid-scroll">
          <table className="region-grid" data-region-grid>
            <caption className="visually-hidden">{t.regions.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.regions.region}</th>
                {indicators.map((v) => (
                  <th key={v.indicator.code} scope="col" title={v.indicator.name[locale]}>
                    <a href={`/indicators/${v.indicator.code}`}>{v.indicator.name[locale]}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {regions.map((region, i) => (
                <tr key={region.code} data-region={region.code}>
                  <th scope="row">{region.name[locale]}</th>
                  {indicators.map((col) => {
                    const cell = byRegion[i]?.find((v) => v.indicator.code === col.indicator.code);
                    const level = cell?.status.current.level ?? "grey";
                    return (
                      <td key={col.indicator.code}>
                        <a
                          href={`/indicators/${col.indicator.code}?region=${region.code}`}
                          title={cell?.explanation.current}
                        >
                          <StatusBadge level={level} label={t.level[level]} />
                        </a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
