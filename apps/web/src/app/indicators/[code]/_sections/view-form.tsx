import styles from "~/components/indicator/indicator.module.css";
import { format } from "~/i18n";
import type { SectionContext } from "./context";

/** The region and days of the view, sent back as the page's query (with the kept filters). */
export function ViewForm({ ctx, nationName }: { ctx: SectionContext; nationName: string }) {
  const { data, query, t, common } = ctx;
  return (
    <form className={styles.view} method="get" aria-label={t.view.legend}>
      {Object.entries(query.keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {data.regions.length > 0 && (
        <label>
          {t.view.region}{" "}
          <select name="region" defaultValue={data.region === data.nationCode ? "" : data.region}>
            <option value="">{format(t.view.national, { name: nationName })}</option>
            {data.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t.view.asOf} <input type="date" name="asOf" defaultValue={query.asOf} required />
      </label>
      <label>
        {common.viewDates.reportedOn}{" "}
        <input type="date" name="reportedOn" defaultValue={query.reportedOn ?? ""} />
      </label>
      <button type="submit">{t.view.apply}</button>
    </form>
  );
}
