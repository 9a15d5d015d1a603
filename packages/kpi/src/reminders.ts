/**
 * Reminders to the stewards who report an indicator (issue 7): one before a period's figures are
 * due, one once they are overdue. Pure: which periods call for which reminder on a given day.
 */
import { addDays, type IsoDate } from "./dates";
import { formatPeriod, type Period, periodDueDate } from "./periods";
import type { IndicatorDefinition, ProgramDefinition } from "./program";

/** The two reminders a period can call for. */
export const REMINDER_KINDS = ["reminder_due", "reminder_overdue"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** How far ahead the first reminder goes out, and how long an overdue one is still worth sending. */
export interface ReminderWindows {
  /** Days before the due date from which a "due soon" reminder is sent. */
  leadDays: number;
  /** Days after the due date during which an "overdue" reminder is still sent (older gaps are not). */
  overdueDays: number;
}

export const DEFAULT_REMINDER_WINDOWS: ReminderWindows = { leadDays: 7, overdueDays: 30 };

/** One period of an indicator whose figures a reminder is about. */
export interface ReminderPeriod {
  indicator: string;
  period: string;
  dueDate: IsoDate;
  kind: ReminderKind;
}

/** Every period of an indicator within the programme years, in order. */
export function programmePeriods(
  indicator: Pick<IndicatorDefinition, "frequency">,
  years: { start: number; end: number },
): Period[] {
  const out: Period[] = [];
  for (let year = years.start; year <= years.end; year++) {
    if (indicator.frequency === "yearly") out.push({ frequency: "yearly", year });
    else if (indicator.frequency === "quarterly")
      for (let quarter = 1; quarter <= 4; quarter++)
        out.push({ frequency: "quarterly", year, quarter });
    else for (let month = 1; month <= 12; month++) out.push({ frequency: "monthly", year, month });
  }
  return out;
}

/**
 * The periods of a programme's indicators that call for a reminder on `today`: "due soon" when
 * the due date is within `leadDays` ahead, "overdue" when it passed less than `overdueDays` ago.
 * Whether the figure is in already is for the caller to check.
 */
export function periodsCallingForReminders(
  program: Pick<ProgramDefinition, "years" | "indicators">,
  today: IsoDate,
  windows: ReminderWindows = DEFAULT_REMINDER_WINDOWS,
): ReminderPeriod[] {
  const soonUntil = addDays(today, windows.leadDays);
  const overdueSince = addDays(today, -windows.overdueDays);
  const out: ReminderPeriod[] = [];
  for (const indicator of program.indicators) {
    for (const period of programmePeriods(indicator, program.years)) {
      const dueDate = periodDueDate(period, indicator.dueDays);
      const kind: ReminderKind | null =
        dueDate > today && dueDate <= soonUntil
          ? "reminder_due"
          : dueDate <= today && dueDate > overdueSince
            ? "reminder_overdue"
            : null;
      if (kind)
        out.push({ indicator: indicator.code, period: formatPeriod(period), dueDate, kind });
    }
  }
  return out;
}

/** The period whose figures an indicator owes next, with the day they are due. */
export interface DuePeriod {
  period: string;
  dueDate: IsoDate;
}

/**
 * What an indicator owes next ("My indicators"): its first period within the programme years
 * not yet due on `today` (a period is overdue from its due date on, as in `isOverdue`), or null
 * once every period's date has come.
 */
export function nextDuePeriod(
  indicator: Pick<IndicatorDefinition, "frequency" | "dueDays">,
  years: { start: number; end: number },
  today: IsoDate,
): DuePeriod | null {
  for (const period of programmePeriods(indicator, years)) {
    const dueDate = periodDueDate(period, indicator.dueDays);
    if (dueDate > today) return { period: formatPeriod(period), dueDate };
  }
  return null;
}
