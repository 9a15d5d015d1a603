/**
 * The entry grid (DESIGN "Data collection"): which figures a steward owes on a given day — the
 * periods of each indicator that are due soon or overdue within a window, at the places the
 * steward may report. Pure; whether a figure is in already is for the caller to look up.
 */
import { addDays, type IsoDate } from "./dates";
import { formatPeriod, periodDueDate } from "./periods";
import type { IndicatorDefinition, ProgramDefinition } from "./program";
import { programmePeriods } from "./reminders";

/** How far around `today` the grid reaches. */
export interface EntryWindow {
  /** Periods due within this many days ahead are shown ("due"). */
  aheadDays: number;
  /** Periods whose due date passed at most this many days ago are shown ("overdue"). */
  behindDays: number;
}

export const DEFAULT_ENTRY_WINDOW: EntryWindow = { aheadDays: 45, behindDays: 400 };

/** Most cells one grid shows; a steward owing more is pointed to a file upload. */
export const MAX_ENTRY_CELLS = 2000;

export interface EntryPeriod {
  period: string;
  dueDate: IsoDate;
  /** `overdue` from the due date on (as `isOverdue`), `due` before it. */
  state: "due" | "overdue";
}

/** The periods of an indicator the grid asks for on `today`, newest first. */
export function entryPeriods(
  indicator: Pick<IndicatorDefinition, "frequency" | "dueDays">,
  years: { start: number; end: number },
  today: IsoDate,
  window: EntryWindow = DEFAULT_ENTRY_WINDOW,
): EntryPeriod[] {
  const until = addDays(today, window.aheadDays);
  const since = addDays(today, -window.behindDays);
  const out: EntryPeriod[] = [];
  for (const period of programmePeriods(indicator, years)) {
    const dueDate = periodDueDate(period, indicator.dueDays);
    if (dueDate > until || dueDate < since) continue;
    out.push({
      period: formatPeriod(period),
      dueDate,
      state: dueDate <= today ? "overdue" : "due",
    });
  }
  return out.reverse();
}

/**
 * The places where a user reports an indicator: a national indicator at the nation only (not for
 * a user limited to regions); a regional one at the nation and every region, or at the user's
 * own regions of the programme when limited.
 */
export function entryPlaces(
  program: Pick<ProgramDefinition, "nation" | "regions">,
  indicator: Pick<IndicatorDefinition, "disaggregation">,
  userRegions: readonly string[] | null,
): string[] {
  if (indicator.disaggregation === "national") return userRegions ? [] : [program.nation.code];
  const regions = program.regions.map((r) => r.code);
  return userRegions
    ? regions.filter((r) => userRegions.includes(r))
    : [program.nation.code, ...regions];
}
