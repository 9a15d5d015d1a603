import { format } from "~/i18n";
import type { Messages } from "~/i18n/messages/en";
import type { PageDates } from "~/lib/view-dates";

/**
 * Says what a page's days are when they are not today's plain view: a day of the URL that was
 * not shown (and why), and "as reported on", so no one takes a past report for current figures.
 */
export function ViewDatesNotice({ dates, t }: { dates: PageDates; t: Messages }) {
  const { problem } = dates;
  const field = problem?.field === "reportedOn" ? t.viewDates.reportedOn : t.overview.date;
  return (
    <>
      {problem && (
        <p role="alert" className="notice" data-date-problem={problem.field}>
          {problem.code === "date_invalid"
            ? format(t.viewDates.dateInvalid, { field })
            : format(t.viewDates.dateBeforeProgram, { field, earliest: problem.earliest })}
        </p>
      )}
      {dates.reportedOn && (
        <p className="notice" data-reported-on={dates.reportedOn}>
          <strong>{format(t.viewDates.reportedOnNotice, { date: dates.reportedOn })}</strong>
        </p>
      )}
    </>
  );
}
