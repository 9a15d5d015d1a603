import { parseIsoDate, resolveViewDates, toIsoDate, type ViewDates } from "@spm/kpi";

/** What was wrong with a day the URL asked for (the page says so and shows today instead). */
export type DateProblem =
  | { field: "asOf" | "reportedOn"; code: "date_invalid" }
  | { field: "asOf" | "reportedOn"; code: "date_before_program"; earliest: string };

export interface PageDates extends ViewDates {
  problem: DateProblem | null;
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** A day from the URL: absent, a calendar day, or malformed. */
function readDay(v: unknown): { day?: string; bad: boolean } {
  const text = one(v);
  if (typeof text !== "string" || text.trim() === "") return { bad: false };
  const parsed = parseIsoDate(text);
  return parsed.ok ? { day: parsed.date, bad: false } : { bad: true };
}

/**
 * A page's days from its URL (`asOf`, else the chosen year's end; `reportedOn`), as the API
 * resolves them (resolveViewDates): a malformed day or one before the programme's first year is
 * left out and named in `problem`, so the page tells its reader and shows today instead.
 */
export function readPageDates(
  raw: { asOf?: unknown; reportedOn?: unknown; year?: number },
  firstYear: number,
  today: string = toIsoDate(new Date()),
): PageDates {
  const asOf = readDay(raw.asOf);
  const reportedOn = readDay(raw.reportedOn);
  let problem: DateProblem | null = asOf.bad
    ? { field: "asOf", code: "date_invalid" }
    : reportedOn.bad
      ? { field: "reportedOn", code: "date_invalid" }
      : null;
  const asked = {
    asOf: asOf.day ?? (raw.year ? `${raw.year}-12-31` : undefined),
    reportedOn: reportedOn.day,
  };
  const resolved = resolveViewDates({ ...asked, today, firstYear });
  if (resolved.ok) return { ...resolved.dates, problem };
  problem = { field: resolved.field, code: resolved.code, earliest: resolved.earliest };
  const rest = resolveViewDates({ ...asked, [resolved.field]: undefined, today, firstYear });
  return { ...(rest.ok ? rest.dates : { asOf: today, reportedOn: null }), problem };
}

/** The view's days as query parameters for links (today's view needs none). */
export function datesQuery(dates: ViewDates, today: string = toIsoDate(new Date())) {
  const q: Record<string, string> = {};
  if (dates.asOf !== today) q.asOf = dates.asOf;
  if (dates.reportedOn) q.reportedOn = dates.reportedOn;
  return q;
}
