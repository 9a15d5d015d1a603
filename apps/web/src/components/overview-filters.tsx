import type { Locale } from "@spm/kpi";
import type { Messages } from "~/i18n/messages/en";

export interface OverviewFilter {
  program?: string;
  year?: number;
  /** A day other than today or a year's end (YYYY-MM-DD); it takes precedence over the year. */
  asOf?: string;
  /** Show the figures as they were known at the end of this day (YYYY-MM-DD). */
  reportedOn?: string;
  region?: string;
  direction?: string;
  level?: string;
  /** Only the indicators this agency answers for. */
  agency?: string;
}

/** The overview's filters as a plain GET form: the view lives in the URL and can be shared. */
export function OverviewFilters(props: {
  filter: OverviewFilter;
  programs: { code: string; name: Record<Locale, string> }[];
  years: number[];
  regions: { code: string; name: Record<Locale, string>; kind: string }[];
  directions: { code: string; name: Record<Locale, string> }[];
  agencies: { code: string; name: Record<Locale, string> }[];
  locale: Locale;
  today: string;
  t: Messages;
}) {
  const { filter, locale, t } = props;
  const levels = ["red", "overdue", "amber", "grey", "green", "none"] as const;
  return (
    <form method="get" className="filters" aria-label={t.overview.filters}>
      {props.programs.length > 1 && (
        <label>
          {t.overview.program}
          <select name="program" defaultValue={filter.program}>
            {props.programs.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name[locale]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t.overview.year}
        <select name="year" defaultValue={filter.year ?? ""}>
          <option value="">{t.overview.today}</option>
          {props.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.overview.date}
        <input type="date" name="asOf" defaultValue={filter.asOf ?? ""} max={props.today} />
      </label>
      <label>
        {t.viewDates.reportedOn}
        <input
          type="date"
          name="reportedOn"
          defaultValue={filter.reportedOn ?? ""}
          max={props.today}
        />
      </label>
      <label>
        {t.overview.region}
        <select name="region" defaultValue={filter.region ?? ""}>
          <option value="">{t.overview.nation}</option>
          {props.regions
            .filter((r) => r.kind === "region")
            .map((r) => (
              <option key={r.code} value={r.code}>
                {r.name[locale]}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t.overview.direction}
        <select name="direction" defaultValue={filter.direction ?? ""}>
          <option value="">{t.overview.all}</option>
          {props.directions.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code}
            </option>
          ))}
        </select>
      </label>
      {props.agencies.length > 0 && (
        <label>
          {t.overview.agency}
          <select name="agency" defaultValue={filter.agency ?? ""}>
            <option value="">{t.overview.all}</option>
            {props.agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name[locale]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t.overview.level}
        <select name="level" defaultValue={filter.level ?? ""}>
          <option value="">{t.overview.all}</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {t.level[l]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t.overview.apply}</button>
    </form>
  );
}
