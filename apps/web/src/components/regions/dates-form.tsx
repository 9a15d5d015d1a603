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
  today: string;
  t: Messages;
}) {
  const { dates, t } = props;
  return (
    <form method="get" className="filters" aria-label={t.overview.filters} data-dates>
      {Object.entries(props.keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        {t.overview.date}
        <input
          type="date"
          name="asOf"
          defaultValue={dates.asOf === props.today ? "" : dates.asOf}
          max={props.today}
        />
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
