import styles from "~/components/report/report.module.css";
import { format } from "~/i18n";
import { formatDay } from "~/lib/format";
import type { ReportContext } from "./context";

/** The cover: programme, year, place, as-of date and data version (and the demo mark). */
export function Cover({ ctx }: { ctx: ReportContext }) {
  const { report, locale, t } = ctx;
  const place = report.program.regions.find((r) => r.code === report.region)?.name[locale];
  return (
    <header className={styles.cover}>
      <p className={styles.kind}>{t.cover.kind}</p>
      <h1 id="report-title">{report.program.name[locale]}</h1>
      <p>{format(t.cover.year, { year: report.year })}</p>
      <p>{format(t.cover.place, { place: place ?? report.region })}</p>
      <p>{format(t.cover.asOf, { date: formatDay(report.asOf, locale) })}</p>
      <p className={styles.note}>{format(t.cover.dataVersion, { version: report.dataVersion })}</p>
      {report.demo && (
        <p className={styles.note} role="note">
          {t.cover.demo}
        </p>
      )}
    </header>
  );
}
