/**
 * The programme's DHIS2 ids: data elements (with their category option combos) naming indicators,
 * org units naming places, and the lookup an upload of DHIS2 data values is read through.
 */
import { z } from "zod";
import type { ProgramDefinition } from "./program";

// A DHIS2 UID: 11 characters, a letter then letters or digits (DHIS2 CodeGenerator).
const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
const uidSchema = z
  .string()
  .regex(DHIS2_UID, "must be a DHIS2 id: 11 letters or digits, the first a letter");

/** An indicator's DHIS2 data element, with the category option combo (default if absent). */
export const dhis2DataElementSchema = z.strictObject({
  dataElement: uidSchema,
  categoryOptionCombo: uidSchema.optional(),
});
/** The DHIS2 org units that are one place (the nation or a region). */
export const dhis2OrgUnitsSchema = z.array(uidSchema);
/** Programme-wide DHIS2 settings: the id of the instance's default category option combo. */
export const dhis2ProgramSchema = z.strictObject({ defaultCategoryOptionCombo: uidSchema });

// The default combo as DHIS2 writes it: left out, by name or code, and by the UID DHIS2 has
// given it since 2.29 (fixed in every instance; a programme may name another).
const DEFAULT_COMBO_NAMES = ["", "default", "HllvX50cXC0"];
/** The combo key of a value that is not disaggregated. */
export const DEFAULT_COMBO = "";

/** A mapping of no ids: only our own codes and the default combo are read. */
export const EMPTY_DHIS2_MAPPING: Dhis2Mapping = {
  dataElements: new Map(),
  orgUnits: new Map(),
  defaultCombos: new Set(DEFAULT_COMBO_NAMES),
};

/** Where an upload's DHIS2 ids lead: data element → combo key → indicator; org unit → place. */
export interface Dhis2Mapping {
  dataElements: ReadonlyMap<string, ReadonlyMap<string, string>>;
  orgUnits: ReadonlyMap<string, string>;
  /** Combos meaning "not disaggregated": empty, `default`, and each programme's default id. */
  defaultCombos: ReadonlySet<string>;
}

type Issue = (path: (string | number)[], message: string) => void;

/** Reports a data element and combo, or an org unit, mapped twice in one programme file. */
export function checkDhis2Ids(p: ProgramDefinition, issue: Issue): void {
  const defaults = new Set([...DEFAULT_COMBO_NAMES, p.dhis2?.defaultCategoryOptionCombo ?? ""]);
  const elements = new Map<string, string>();
  p.indicators.forEach((ind, i) => {
    ind.dhis2?.forEach((m, j) => {
      const combo = comboKey(m.categoryOptionCombo ?? DEFAULT_COMBO, defaults);
      const key = `${m.dataElement}/${combo}`;
      const taken = elements.get(key);
      const shown = combo === DEFAULT_COMBO ? "the default combo" : combo;
      if (taken) issue(["indicators", i, "dhis2", j], `${m.dataElement} (${shown}) is ${taken}`);
      else elements.set(key, ind.code);
    });
  });
  const units = new Map<string, string>();
  const places = [
    { at: ["nation"], code: p.nation.code, ids: p.nation.dhis2 },
    ...p.regions.map((r, i) => ({ at: ["regions", i], code: r.code, ids: r.dhis2 })),
  ];
  for (const { at, code, ids } of places) {
    ids?.forEach((id, j) => {
      const taken = units.get(id);
      if (taken) issue([...at, "dhis2", j], `org unit ${id} is already ${taken}`);
      else units.set(id, code);
    });
  }
}

/** Builds the lookup of every programme's DHIS2 ids (the first programme wins a shared id). */
export function buildDhis2Mapping(programs: readonly ProgramDefinition[]): Dhis2Mapping {
  const defaultCombos = new Set(DEFAULT_COMBO_NAMES);
  for (const p of programs) {
    if (p.dhis2) defaultCombos.add(p.dhis2.defaultCategoryOptionCombo);
  }
  const dataElements = new Map<string, Map<string, string>>();
  const orgUnits = new Map<string, string>();
  for (const p of programs) {
    for (const ind of p.indicators) {
      for (const m of ind.dhis2 ?? []) {
        const combos = dataElements.get(m.dataElement) ?? new Map<string, string>();
        const combo = comboKey(m.categoryOptionCombo ?? DEFAULT_COMBO, defaultCombos);
        if (!combos.has(combo)) combos.set(combo, ind.code);
        dataElements.set(m.dataElement, combos);
      }
    }
    const places = [p.nation, ...p.regions];
    for (const place of places) {
      for (const id of place.dhis2 ?? []) if (!orgUnits.has(id)) orgUnits.set(id, place.code);
    }
  }
  return { dataElements, orgUnits, defaultCombos };
}

/** The key a combo is looked up by: `DEFAULT_COMBO` for any spelling of the default combo. */
export function comboKey(combo: string, defaults: ReadonlySet<string>): string {
  const trimmed = combo.trim();
  return defaults.has(trimmed) || trimmed.toLowerCase() === "default" ? DEFAULT_COMBO : trimmed;
}

/** A DHIS2 id of a programme that other programmes already map to something else. */
export interface Dhis2Clash {
  path: string;
  message: string;
}

/** The ids of a programme that another programme maps to another indicator or place. */
export function findDhis2Clashes(
  p: ProgramDefinition,
  others: readonly ProgramDefinition[],
): Dhis2Clash[] {
  const taken = buildDhis2Mapping(others);
  const defaults = new Set([...taken.defaultCombos, p.dhis2?.defaultCategoryOptionCombo ?? ""]);
  const clashes: Dhis2Clash[] = [];
  for (const ind of p.indicators) {
    ind.dhis2?.forEach((m, j) => {
      const combo = comboKey(m.categoryOptionCombo ?? DEFAULT_COMBO, defaults);
      const owner = taken.dataElements.get(m.dataElement)?.get(combo);
      if (owner && owner !== ind.code) {
        const message = `${m.dataElement} is already mapped to ${owner}`;
        clashes.push({ path: `indicators.${ind.code}.dhis2.${j}`, message });
      }
    });
  }
  const places = [
    { at: "nation", code: p.nation.code, ids: p.nation.dhis2 },
    ...p.regions.map((r) => ({ at: `regions.${r.code}`, code: r.code, ids: r.dhis2 })),
  ];
  for (const { at, code, ids } of places) {
    ids?.forEach((id, j) => {
      const owner = taken.orgUnits.get(id);
      if (owner && owner !== code) {
        clashes.push({ path: `${at}.dhis2.${j}`, message: `org unit ${id} is already ${owner}` });
      }
    });
  }
  return clashes;
}
