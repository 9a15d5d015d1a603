/**
 * What an import changes, as data (issue 15's dry run): the indicators it creates, changes field
 * by field (editable fields as diffIndicator gives them, every other field whole) and retires,
 * and the programme's own fields it changes. Pure: `before` is the stored definition.
 */
import {
  diffIndicator,
  EDITABLE_FIELDS,
  type FieldChange,
  type IndicatorDefinition,
  type LocalizedText,
  type ProgramDefinition,
  sameValue,
} from "@spm/kpi";

export interface ImportDiff {
  /** Codes of the indicators the import adds (every one for a new programme). */
  created: string[];
  /** Existing indicators whose definition changes, with each field before → after. */
  changed: { indicator: string; changes: FieldChange[] }[];
  /** Indicators the file no longer lists: retired, their figures kept. */
  retired: string[];
  /** Fields of the programme itself (name, years, regions, ...) that change, whole. */
  program: FieldChange[];
  /** The name of every indicator of the file or the stored definition, by code. */
  names: Record<string, LocalizedText>;
}

const EDITABLE = new Set<string>(EDITABLE_FIELDS);
// History figures are counted by the import's `history` answer, not listed point by point.
const NOT_DIFFED = new Set(["code", "history"]);

/** The changes from the stored definition (undefined: none yet) to the one an import writes. */
export function diffProgramDefinitions(
  before: ProgramDefinition | undefined,
  after: ProgramDefinition,
): ImportDiff {
  const old = new Map((before?.indicators ?? []).map((i) => [i.code, i]));
  const codes = new Set(after.indicators.map((i) => i.code));
  const changed: ImportDiff["changed"] = [];
  for (const ind of after.indicators) {
    const previous = old.get(ind.code);
    if (!previous) continue;
    const changes = diffIndicatorFields(previous, ind);
    if (changes.length > 0) changed.push({ indicator: ind.code, changes });
  }
  return {
    created: after.indicators.filter((i) => !old.has(i.code)).map((i) => i.code),
    changed,
    retired: [...old.keys()].filter((code) => !codes.has(code)),
    program: before ? diffWhole(before, after, new Set(["code", "indicators"])) : [],
    names: Object.fromEntries(
      [...(before?.indicators ?? []), ...after.indicators].map((i) => [i.code, i.name]),
    ),
  };
}

/** Every field of an indicator that differs: editable ones per year, the rest whole. */
function diffIndicatorFields(a: IndicatorDefinition, b: IndicatorDefinition): FieldChange[] {
  const skip = new Set([...NOT_DIFFED, ...EDITABLE]);
  return [...diffIndicator(a, b), ...diffWhole(a, b, skip)].sort((x, y) =>
    x.field < y.field ? -1 : x.field > y.field ? 1 : 0,
  );
}

function diffWhole(a: object, b: object, skip: Set<string>): FieldChange[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => !skip.has(k));
  return keys
    .filter((k) => !sameValue(x[k], y[k]))
    .sort()
    .map((field) => ({ field, before: x[field], after: y[field] }));
}
