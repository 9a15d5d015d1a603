/** Validation of one uploaded row against the loaded programmes; every error of the row is kept. */
import { type RowError, type RowErrorParams, rowError } from "./errors";
import { formatPeriod, parsePeriod } from "./periods";
import { type Frequency, OBSERVATION_FLAGS, type ObservationFlag, type Unit } from "./program";
import type { IndexedIndicator, ProgramIndex } from "./program-index";
import { checkValue, parseValue } from "./values";

/** A row as received (CSV cells, or JSON where the value and period may be numbers). */
export interface RawRow {
  indicator?: string | null;
  period?: string | number | null;
  region?: string | null;
  value?: string | number | null;
  flag?: string | null;
  note?: string | null;
  source?: string | null;
}

/** A valid row, normalised: canonical period, upper-case codes, `region: null` for the nation. */
export interface ValidRow {
  program: string;
  indicator: string;
  period: string;
  year: number;
  frequency: Frequency;
  region: string | null;
  value: number;
  flag: ObservationFlag | null;
  note: string | null;
  source: string | null;
}

export type RowValidation = { ok: true; row: ValidRow } | { ok: false; errors: RowError[] };

/** Longest accepted note and source, in characters. */
export const TEXT_LIMITS = { note: 2000, source: 500 } as const;

/** Validates one row against the programme index and returns the normalised row or all its errors. */
export function validateRow(raw: RawRow, index: ProgramIndex): RowValidation {
  const errors: RowError[] = [];
  const code = text(raw.indicator)?.toUpperCase() ?? null;
  const entry = code === null ? undefined : index.indicators.get(code);
  if (code === null) errors.push(rowError("indicator", "indicator_missing"));
  else if (!entry) errors.push(rowError("indicator", "unknown_indicator", { indicator: code }));
  const region = checkRegion(text(raw.region)?.toUpperCase() ?? null, entry, index, errors);
  const period = checkPeriod(raw.period, entry, errors);
  const value = checkRowValue(raw.value, entry?.indicator.unit, errors);
  const flag = checkFlag(text(raw.flag), errors);
  const note = checkText("note", raw.note, errors);
  const source = checkText("source", raw.source, errors);
  if (errors.length > 0 || !entry || !period || value === null || region === undefined) {
    return { ok: false, errors };
  }
  const row: ValidRow = {
    program: entry.program.code,
    indicator: entry.indicator.code,
    period: period.text,
    year: period.year,
    frequency: entry.indicator.frequency,
    region,
    value,
    flag,
    note,
    source,
  };
  return { ok: true, row };
}

// Returns null for the nation, the region code, or undefined when the region is rejected.
function checkRegion(
  region: string | null,
  entry: IndexedIndicator | undefined,
  index: ProgramIndex,
  errors: RowError[],
): string | null | undefined {
  if (region === null) return null;
  const program = entry?.program;
  if (program ? region === program.nation : index.nations.has(region)) return null;
  if (!(program ? program.regions.has(region) : index.regions.has(region))) {
    errors.push(rowError("region", "unknown_region", { region }));
    return undefined;
  }
  if (entry && entry.indicator.disaggregation === "national") {
    const params = { indicator: entry.indicator.code, region, nation: entry.program.nation };
    errors.push(rowError("region", "region_not_allowed_for_national_indicator", params));
    return undefined;
  }
  return region;
}

function checkPeriod(
  rawPeriod: RawRow["period"],
  entry: IndexedIndicator | undefined,
  errors: RowError[],
): { text: string; year: number } | null {
  const shown = rawPeriod === null || rawPeriod === undefined ? "" : String(rawPeriod).trim();
  const parsed = parsePeriod(shown);
  if (!parsed.ok) {
    const params: RowErrorParams = parsed.type
      ? { period: shown, type: parsed.type }
      : { period: shown };
    errors.push(rowError("period", parsed.code, params));
    return null;
  }
  const canonical = formatPeriod(parsed.period);
  if (!entry) return { text: canonical, year: parsed.period.year };
  const { indicator, program } = entry;
  if (parsed.period.frequency !== indicator.frequency) {
    const params = {
      indicator: indicator.code,
      period: shown,
      expected: indicator.frequency,
      actual: parsed.period.frequency,
    };
    errors.push(rowError("period", "period_frequency_mismatch", params));
    return null;
  }
  const { history, end } = program.years;
  if (parsed.period.year < history || parsed.period.year > end) {
    errors.push(
      rowError("period", "period_out_of_range", { period: shown, from: history, to: end }),
    );
    return null;
  }
  return { text: canonical, year: parsed.period.year };
}

// Without a known indicator only the number itself is checked, not the unit's rules.
function checkRowValue(
  rawValue: RawRow["value"],
  unit: Unit | undefined,
  errors: RowError[],
): number | null {
  // A JSON batch may send anything: a boolean, an object or an array is no number (not a crash).
  if (typeof rawValue !== "string" && typeof rawValue !== "number" && rawValue != null) {
    const shown = JSON.stringify(rawValue) ?? String(rawValue);
    const value = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
    errors.push(rowError("value", "value_not_a_number", { value }));
    return null;
  }
  const result =
    typeof rawValue === "number"
      ? checkValue(rawValue, unit ?? "number")
      : parseValue(
          unit ? (rawValue ?? "") : (rawValue ?? "").replace(/%\s*$/, ""),
          unit ?? "number",
        );
  if (result.ok) return result.value;
  errors.push(rowError("value", result.code, result.params));
  return null;
}

function checkFlag(flag: string | null, errors: RowError[]): ObservationFlag | null {
  if (flag === null) return null;
  const known = OBSERVATION_FLAGS.find((f) => f === flag.toLowerCase());
  if (known) return known;
  errors.push(rowError("flag", "flag_invalid", { flag, allowed: OBSERVATION_FLAGS.join(", ") }));
  return null;
}

function checkText(field: "note" | "source", raw: string | null | undefined, errors: RowError[]) {
  const value = text(raw);
  if (value !== null && value.length > TEXT_LIMITS[field]) {
    errors.push(rowError(field, "text_too_long", { max: TEXT_LIMITS[field] }));
  }
  return value;
}

function text(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  return s === "" ? null : s;
}
