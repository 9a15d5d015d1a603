import type { ViewDates } from "@spm/kpi";
import type { Messages } from "~/i18n/messages/en";

/**
 * The regions page's days — statuses on a date, figures as reported on a date — as a GET form;
 * today's view leaves the date empty, so a shared link keeps following today.
 */
export function DatesForm(props: {
  dates: ViewDates;
  /** The rest of the view, kept as it is. */
  keep: Record<string, string>;
  /** The programme's years, each a choice of its end; the chosen one, if any. */
  years: number[];
  year?: number;
  today: string;
  t: Messages;
}) {
  const { dates, t } = props;
  // A day that is the chosen year's end is the year's choice, not a date of its own.
  const day = dates.asOf === props.today || dates.asOf === `${props.year}-12-31` ? "" : dates.asOf;
  return (
    <form method="get" className="filters" aria-label={t.overview.filters} data-dates>
      {Object.entries(props.keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        {t.overview.year}
        <select name="year" defaultValue={props.year ?? ""}>
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
        <input type="date" name="asOf" defaultValue={day} max={props.today} />
      </label>
      <label>
        {t.viewDates.reportedOn}
        <input
          type="date"
          name="reportedOn"
          defaultValue={dates.reportedOn ?? ""}
          max={props.today}
        />
      </label>
      <button type="submit">{t.overview.apply}</button>
    </form>
  );
}
