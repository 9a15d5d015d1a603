import type { IsoDate } from "./dates";

/**
 * The two days a view of statuses is of: `asOf`, the day the statuses are evaluated at, and
 * `reportedOn`, the day whose knowledge of the figures is used (null: the figures as they are).
 */
export interface ViewDates {
  asOf: IsoDate;
  reportedOn: IsoDate | null;
}

export type ViewDatesResult =
  | { ok: true; dates: ViewDates }
  | { ok: false; field: "asOf" | "reportedOn"; code: "date_before_program"; earliest: IsoDate };

/**
 * Resolves a view's days: a day after today is today (nothing more is known), "reported on"
 * today is the figures as they are, `asOf` defaults to the reported-on day (a past report is
 * reproduced as it was made), else today; a day before the programme's first year is refused.
 */
export function resolveViewDates(args: {
  asOf?: IsoDate;
  reportedOn?: IsoDate;
  today: IsoDate;
  firstYear: number;
}): ViewDatesResult {
  const earliest = `${args.firstYear}-01-01`;
  const notAfterToday = (day: IsoDate) => (day < args.today ? day : args.today);
  const reported = args.reportedOn === undefined ? null : notAfterToday(args.reportedOn);
  const asOf = notAfterToday(args.asOf ?? reported ?? args.today);
  if (reported !== null && reported < earliest) {
    return { ok: false, field: "reportedOn", code: "date_before_program", earliest };
  }
  if (asOf < earliest) return { ok: false, field: "asOf", code: "date_before_program", earliest };
  return { ok: true, dates: { asOf, reportedOn: reported === args.today ? null : reported } };
}
