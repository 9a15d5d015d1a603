/**
 * A DHIS2 data value as an upload row: its data element and category option combo name an
 * indicator, its org unit a place (through the programmes' `dhis2` ids; our own codes pass
 * through), and a value deleted in the source or of a combo nothing maps is rejected.
 */
import {
  comboKey,
  DEFAULT_COMBO,
  EMPTY_DHIS2_MAPPING,
  formatRowError,
  type RawRow,
  type RowError,
  rowError,
} from "@spm/kpi";
import type { CodeAliases, ParsedRow } from "./types";

/** The DHIS2 fields of a value that are not row fields. */
export interface Dhis2Extras {
  categoryOptionCombo?: string | undefined;
  attributeOptionCombo?: string | undefined;
  deleted?: boolean;
}

/** Turns a DHIS2 value (its indicator a data element, its region an org unit) into a row. */
export function resolveDhis2Row(
  row: number,
  raw: RawRow,
  extras: Dhis2Extras,
  aliases: CodeAliases = EMPTY_DHIS2_MAPPING,
): ParsedRow {
  const dataElement = String(raw.indicator ?? "").trim();
  const orgUnit = String(raw.region ?? "").trim();
  const resolved: RawRow = { ...raw };
  if (raw.region !== undefined && raw.region !== null) {
    resolved.region = aliases.orgUnits.get(orgUnit) ?? raw.region;
  }
  const combo = extras.categoryOptionCombo ?? "";
  const attribute = extras.attributeOptionCombo ?? "";
  const byCombo = aliases.dataElements.get(dataElement);
  const comboIs = comboKey(combo, aliases.defaultCombos);
  const mapped = byCombo?.get(comboIs);
  if (mapped) resolved.indicator = mapped;
  // An unmapped data element with the default combo is one of our codes, or unknown_indicator.
  const comboTaken = byCombo ? mapped !== undefined : comboIs === DEFAULT_COMBO;
  if (extras.deleted) return rejected(row, resolved, rowError("row", "deleted_in_source"));
  if (!comboTaken || comboKey(attribute, aliases.defaultCombos) !== DEFAULT_COMBO) {
    const params = {
      dataElement,
      categoryOptionCombo: combo.trim(),
      attributeOptionCombo: attribute.trim(),
    };
    return rejected(row, resolved, rowError("indicator", "unmapped_combo", params));
  }
  return { row, raw: resolved };
}

function rejected(row: number, raw: RawRow, error: RowError): ParsedRow {
  return { row, given: raw, error: { ...error, message: formatRowError(error, "en") } };
}

/** Reads DHIS2's `deleted` mark: true in JSON, or the text `true` in any case. */
export function isDeleted(mark: unknown): boolean {
  if (mark === true) return true;
  return typeof mark === "string" && mark.trim().toLowerCase() === "true";
}

/** The fields a data value set gives values that lack them (DHIS2's set-level attributes). */
export const SET_DEFAULTS = ["period", "orgUnit", "attributeOptionCombo"] as const;
export type SetDefaults = Partial<Record<(typeof SET_DEFAULTS)[number], string>>;

/** A DHIS2 data value given by its named fields (JSON keys or XML attributes) as a row. */
export function dataValueRow(
  row: number,
  field: (name: string) => string | undefined,
  defaults: SetDefaults,
  aliases: CodeAliases | undefined,
): ParsedRow {
  const raw: RawRow = {
    indicator: field("dataElement") ?? "",
    period: field("period") ?? defaults.period ?? "",
    region: field("orgUnit") ?? defaults.orgUnit ?? "",
    value: field("value") ?? "",
  };
  const comment = field("comment");
  if (comment !== undefined) raw.note = comment;
  const extras = {
    categoryOptionCombo: field("categoryOptionCombo"),
    attributeOptionCombo: field("attributeOptionCombo") ?? defaults.attributeOptionCombo,
    deleted: isDeleted(field("deleted")),
  };
  return resolveDhis2Row(row, raw, extras, aliases);
}
