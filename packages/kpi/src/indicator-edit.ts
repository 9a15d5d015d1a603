/**
 * Managers' edits of an indicator's definition (DESIGN.md, "Managing a programme"): which fields
 * may change, a patch applied to a definition, the changes between two definitions field by
 * field, and the three-way merge of a programme file with what managers changed since it was
 * last imported. Pure: the use cases validate the result with the programme schema.
 */
import { z } from "zod";
import { PLACE_CODE } from "./place-code";
import {
  type IndicatorDefinition,
  localizedTextSchema,
  TARGET_SOURCES,
  type TargetSource,
  TRAJECTORY_METHODS,
  targetSourceSchema,
  targetValueSchema,
  thresholdsSchema,
  YEAR_KEY,
} from "./program";

/** The fields of an indicator a manager may change; anything else comes from programme files. */
export const EDITABLE_FIELDS = [
  "name",
  "description",
  "polarityReason",
  "targets",
  "targetsSource",
  "targetSources",
  "thresholds",
  "trajectory",
  "dueDays",
  "owner",
  "agency",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Fields kept per year: a change of one year's target is a change of its own. */
const PER_YEAR = new Set<EditableField>(["targets", "targetSources"]);

/** A free text of at most `max` characters, plain or in all of ru, kk and en (as in a file). */
function boundedText(max: number) {
  const text = z.string().trim().min(1).max(max);
  return z.union([text, z.strictObject({ en: text, ru: text, kk: text })]);
}

/** The fields of a patch: in `targets` and `targetSources` only the years given change. */
const patchFields = {
  name: localizedTextSchema.optional(),
  description: localizedTextSchema.nullable().optional(),
  polarityReason: boundedText(2000).nullable().optional(),
  targets: z.record(YEAR_KEY, targetValueSchema.nullable()).optional(),
  targetsSource: z.enum(TARGET_SOURCES).optional(),
  targetSources: z.record(YEAR_KEY, targetSourceSchema.nullable()).optional(),
  thresholds: thresholdsSchema.optional(),
  trajectory: z.enum(TRAJECTORY_METHODS).optional(),
  dueDays: z.number().int().min(0).max(730).optional(),
  owner: boundedText(200).nullable().optional(),
  agency: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/, "an agency code of the programme's agencies")
    .nullable()
    .optional(),
};
const changesSomething = {
  message: `change at least one of: ${EDITABLE_FIELDS.join(", ")}`,
};
type PatchFields = { [K in EditableField]?: unknown };

/**
 * The body of `PATCH /indicators/:code`: a reason and at least one field; `null` removes a year
 * (or an optional field).
 */
export const indicatorPatchSchema = z
  .strictObject({
    reason: z.string().trim().min(3, "say why, in a few words").max(2000),
    ...patchFields,
  })
  .refine((p: PatchFields) => EDITABLE_FIELDS.some((f) => p[f] !== undefined), changesSomething);
export type IndicatorPatch = z.infer<typeof indicatorPatchSchema>;

/** The body of `POST /indicators/:code/preview`: a patch without its reason, for one place. */
export const indicatorPreviewSchema = z
  .strictObject({ ...patchFields, region: z.string().regex(PLACE_CODE).optional() })
  .refine((p: PatchFields) => EDITABLE_FIELDS.some((f) => p[f] !== undefined), changesSomething);
export type IndicatorPreview = z.infer<typeof indicatorPreviewSchema>;

/** The definition with the patch applied (not yet validated against its programme). */
export function applyIndicatorPatch(
  ind: IndicatorDefinition,
  patch: Omit<IndicatorPatch, "reason"> & { reason?: string },
): IndicatorDefinition {
  const next: IndicatorDefinition = { ...ind };
  for (const field of EDITABLE_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    if (PER_YEAR.has(field)) {
      const map: Record<string, unknown> = { ...(ind[field] as Record<string, unknown>) };
      for (const [year, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === null) delete map[year];
        else map[year] = v;
      }
      setField(next, field, map);
    } else {
      setField(next, field, value);
    }
  }
  // A year whose target is removed has no standing of its own any more.
  if (next.targetSources) {
    const kept = Object.entries(next.targetSources).filter(([y]) => y in next.targets);
    next.targetSources = kept.length > 0 ? Object.fromEntries(kept) : undefined;
  }
  return next;
}

function setField(ind: IndicatorDefinition, field: EditableField, value: unknown): void {
  const empty =
    value === null || (PER_YEAR.has(field) && Object.keys(value as object).length === 0);
  if (empty && field !== "targets") delete (ind as Record<string, unknown>)[field];
  else (ind as Record<string, unknown>)[field] = empty ? {} : value;
}

/** One changed field: `targets.2021`, `thresholds`, ...; `undefined` = absent. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The editable fields of a definition, flattened: per-year maps by `field.year`. */
export function editableValues(ind: IndicatorDefinition): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const field of EDITABLE_FIELDS) {
    const value = ind[field];
    if (value === undefined) continue;
    if (PER_YEAR.has(field)) {
      for (const [year, v] of Object.entries(value as Record<string, unknown>))
        values.set(`${field}.${year}`, v);
    } else {
      values.set(field, value);
    }
  }
  return values;
}

/** The editable fields that differ between two definitions of an indicator, in a stable order. */
export function diffIndicator(
  before: IndicatorDefinition,
  after: IndicatorDefinition,
): FieldChange[] {
  const a = editableValues(before);
  const b = editableValues(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys
    .filter((k) => !sameValue(a.get(k), b.get(k)))
    .map((field) => ({ field, before: a.get(field), after: b.get(field) }));
}

/** A field a programme file would change that a manager has changed since the last import. */
export interface ImportConflict {
  indicator: string;
  field: string;
  fileValue: unknown;
  currentValue: unknown;
}

/**
 * Three-way merge of one indicator: `base` as last imported, `current` with managers' edits,
 * `incoming` from the new file. A field managers changed (current ≠ base) that the file would set
 * otherwise (incoming ≠ current) is a conflict: the current value is kept unless `force`. Every
 * other field, and every field that is not editable, comes from the file.
 */
export function mergeIndicator(
  base: IndicatorDefinition | undefined,
  current: IndicatorDefinition | undefined,
  incoming: IndicatorDefinition,
  force: boolean,
): { merged: IndicatorDefinition; conflicts: ImportConflict[] } {
  if (!current || !base) return { merged: incoming, conflicts: [] };
  const b = editableValues(base);
  const c = editableValues(current);
  const n = editableValues(incoming);
  const conflicts: ImportConflict[] = [];
  const result = new Map(n);
  for (const key of [...new Set([...b.keys(), ...c.keys(), ...n.keys()])].sort()) {
    const edited = !sameValue(c.get(key), b.get(key));
    if (!edited || sameValue(n.get(key), c.get(key))) continue;
    conflicts.push({
      indicator: incoming.code,
      field: key,
      fileValue: n.get(key),
      currentValue: c.get(key),
    });
    if (force) continue;
    if (c.has(key)) result.set(key, c.get(key));
    else result.delete(key);
  }
  return { merged: withEditableValues(incoming, result), conflicts };
}

/** A definition whose editable fields are the flattened `values` (see editableValues). */
function withEditableValues(
  ind: IndicatorDefinition,
  values: Map<string, unknown>,
): IndicatorDefinition {
  const next: Record<string, unknown> = { ...ind };
  for (const field of EDITABLE_FIELDS) {
    if (PER_YEAR.has(field)) {
      const map: Record<string, unknown> = {};
      for (const [key, v] of values) {
        if (key.startsWith(`${field}.`)) map[key.slice(field.length + 1)] = v;
      }
      if (field === "targets" || Object.keys(map).length > 0) next[field] = map;
      else delete next[field];
    } else if (values.has(field)) {
      next[field] = values.get(field);
    } else {
      delete next[field];
    }
  }
  return next as IndicatorDefinition;
}

/** The standing of a year's target: its own, or the indicator's `targetsSource`. */
export function targetSourceOf(ind: IndicatorDefinition, year: number): TargetSource {
  return ind.targetSources?.[String(year)]?.kind ?? ind.targetsSource;
}

/** Deep equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
