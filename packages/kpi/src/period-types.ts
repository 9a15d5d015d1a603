/**
 * DHIS2 period types this system does not keep (only yearly, quarterly and monthly are), so a
 * DHIS2 period of another type is refused by its name instead of as an unreadable text.
 */

// Patterns as DHIS2 writes each type's identifier (docs.dhis2.org, "Date and period format").
const UNSUPPORTED_TYPES: ReadonlyArray<readonly [type: string, pattern: RegExp]> = [
  ["Daily", /^[1-9]\d{3}(?:\d{4}|-\d{2}-\d{2})$/],
  ["Weekly", /^[1-9]\d{3}-?W\d{1,2}$/i],
  ["WeeklyWednesday", /^[1-9]\d{3}WedW\d{1,2}$/i],
  ["WeeklyThursday", /^[1-9]\d{3}ThuW\d{1,2}$/i],
  ["WeeklySaturday", /^[1-9]\d{3}SatW\d{1,2}$/i],
  ["WeeklySunday", /^[1-9]\d{3}SunW\d{1,2}$/i],
  ["BiWeekly", /^[1-9]\d{3}BiW\d{1,2}$/i],
  ["BiMonthly", /^[1-9]\d{3}\d{2}B$/i],
  ["QuarterlyNov", /^[1-9]\d{3}NovQ\d$/i],
  ["SixMonthly", /^[1-9]\d{3}S\d$/i],
  ["SixMonthlyApril", /^[1-9]\d{3}AprilS\d$/i],
  ["SixMonthlyNov", /^[1-9]\d{3}NovS\d$/i],
  ["FinancialApril", /^[1-9]\d{3}April$/i],
  ["FinancialJuly", /^[1-9]\d{3}July$/i],
  ["FinancialSep", /^[1-9]\d{3}Sep$/i],
  ["FinancialOct", /^[1-9]\d{3}Oct$/i],
  ["FinancialNov", /^[1-9]\d{3}Nov$/i],
  // ADX writes periods as ISO 8601 intervals; a year, quarter or month is read as ours before.
  ["ISO8601Interval", /^[1-9]\d{3}-\d{2}-\d{2}\/P\d+[YMWD]$/i],
];

/** The DHIS2 period type a text is written in when it is none of ours (e.g. `Weekly`), or null. */
export function unsupportedPeriodType(text: string): string | null {
  for (const [type, pattern] of UNSUPPORTED_TYPES) if (pattern.test(text)) return type;
  return null;
}
