import { evaluateIndicatorStatuses, listPrograms } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { connection } from "next/server";
import { AutoRefresh } from "~/components/auto-refresh";
import { StatusBadge } from "~/components/status-badge";
import { format } from "~/i18n";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { formatTarget, formatValue } from "~/lib/format";
import { requireUser } from "~/lib/session";

export default async function OverviewPage() {
  await connection();
  await requireUser("viewer");
  const { locale, t } = await getMessages();
  const asOf = toIsoDate(new Date());
  const [programs, views] = await Promise.all([
    listPrograms(db()),
    evaluateIndicatorStatuses(db(), { asOf, locale }),
  ]);
  if (programs.length === 0) return <p className="empty">{t.overview.noIndicators}</p>;
  return (
    <>
      <AutoRefresh />
      {programs.map((program) => (
        <section key={program.code} aria-labelledby={`p-${program.code}`}>
          <h1 id={`p-${program.code}`}>{program.name[locale]}</h1>
          <p className="muted">
            {format(t.overview.years, { ...program.years })} ·{" "}
            {format(t.overview.asOf, { date: asOf })}
          </p>
          {program.directions.map((direction) => {
            const rows = views.filter(
              (v) => v.programCode === program.code && v.indicator.direction === direction.code,
            );
            return (
              <section key={direction.code} aria-labelledby={`d-${program.code}-${direction.code}`}>
                <h2 id={`d-${program.code}-${direction.code}`}>{direction.name[locale]}</h2>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.overview.indicator}</th>
                      <th scope="col">{t.overview.status}</th>
                      <th scope="col">{t.overview.latest}</th>
                      <th scope="col">{t.overview.target}</th>
                      <th scope="col">{t.overview.trajectory}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((v) => {
                      const unit = t.unit[v.indicator.unit];
                      const finalTarget = v.status.trajectory.target;
                      return (
                        <tr key={v.indicator.code} data-indicator={v.indicator.code}>
                          <td>
                            <a href={`/indicators/${v.indicator.code}`}>
                              {v.indicator.name[locale]}
                            </a>
                            <div className="muted">{v.indicator.code}</div>
                          </td>
                          <td>
                            <StatusBadge
                              level={v.status.current.level}
                              label={t.level[v.status.current.level]}
                              title={v.explanation.current}
                            />
                          </td>
                          <td className="num">
                            {v.latest
                              ? `${formatValue(v.latest.value, locale)}${unit} (${v.latest.period})`
                              : t.overview.noValue}
                          </td>
                          <td className="num">
                            {formatTarget(finalTarget, locale, unit)}
                            {finalTarget !== null &&
                              v.indicator.targetsSource === "illustrative" && (
                                <div className="tag">{t.overview.illustrative}</div>
                              )}
                          </td>
                          <td>
                            <StatusBadge
                              level={v.status.trajectory.level}
                              label={t.trajectory[v.status.trajectory.level]}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
            );
          })}
        </section>
      ))}
    </>
  );
}
