/**
 * Reading the header row: column names in English, Russian or Kazakh (any case, spacing or
 * punctuation) mapped to the canonical fields, and the DHIS2 data value layout recognised.
 */
import { type FileError, type FileWarning, fileError, fileWarning } from "./errors";

/** The canonical columns of an upload, in the order of the template. */
export const CANONICAL_FIELDS = [
  "indicator",
  "period",
  "region",
  "value",
  "flag",
  "note",
  "source",
] as const;
/** One of the canonical columns. */
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Columns without which no row can be read. */
export const REQUIRED_FIELDS: readonly CanonicalField[] = ["indicator", "period", "value"];

/** Header names recognised for each field, as written by people (normalised before comparing). */
export const HEADER_SYNONYMS: Readonly<Record<CanonicalField, readonly string[]>> = {
  indicator: [
    "indicator",
    "indicator code",
    "indicator id",
    "kpi",
    "индикатор",
    "код индикатора",
    "показатель",
    "код показателя",
    "целевой индикатор",
    "көрсеткіш",
    "көрсеткіш коды",
    "индикатор коды",
  ],
  period: ["period", "year", "период", "год", "отчётный период", "кезең", "жыл", "есепті кезең"],
  region: [
    "region",
    "region code",
    "oblast",
    "регион",
    "код региона",
    "область",
    "өңір",
    "аймақ",
    "облыс",
    "өңір коды",
  ],
  value: ["value", "actual", "значение", "величина", "факт", "фактическое значение", "мән", "мәні"],
  flag: ["flag", "флаг", "признак", "отметка", "белгі"],
  note: [
    "note",
    "notes",
    "comment",
    "comments",
    "remark",
    "примечание",
    "примечания",
    "комментарий",
    "ескертпе",
    "түсініктеме",
  ],
  source: ["source", "data source", "источник", "источник данных", "дереккөз", "дерек көзі"],
};

// DHIS2 data value CSV columns; null = known and not used (audit columns) or read apart (below).
const DHIS2_COLUMNS: Readonly<Record<string, CanonicalField | null>> = {
  dataelement: "indicator",
  period: "period",
  orgunit: "region",
  categoryoptioncombo: null,
  catoptcombo: null,
  attributeoptioncombo: null,
  attroptcombo: null,
  value: "value",
  storedby: null,
  lastupdated: null,
  timestamp: null,
  created: null,
  comment: "note",
  followup: null,
  deleted: null,
};

/** The DHIS2 columns read beside the canonical fields: the combos and the `deleted` mark. */
export type Dhis2Column = "categoryOptionCombo" | "attributeOptionCombo" | "deleted";
const DHIS2_EXTRA: Readonly<Record<string, Dhis2Column>> = {
  categoryoptioncombo: "categoryOptionCombo",
  catoptcombo: "categoryOptionCombo",
  attributeoptioncombo: "attributeOptionCombo",
  attroptcombo: "attributeOptionCombo",
  deleted: "deleted",
};

/** Lower-cases a header name and drops the BOM, bracketed asides, spaces and punctuation. */
export function normaliseHeaderName(name: string): string {
  return dropAsides(name.normalize("NFC").toLowerCase().replace(/ё/g, "е")).replace(
    /[^\p{L}\p{N}]/gu,
    "",
  );
}

// Drops `(...)` and `[...]` as /\([^)]*\)|\[[^\]]*\]/g would, in one pass: that pattern
// backtracks over every unclosed bracket (quadratic in a cell of a million "(").
function dropAsides(text: string): string {
  let out = "";
  let from = 0;
  const unclosed = { ")": false, "]": false };
  for (let i = 0; i < text.length; i++) {
    const close = text[i] === "(" ? ")" : text[i] === "[" ? "]" : null;
    if (close === null || unclosed[close]) continue;
    const end = text.indexOf(close, i + 1);
    if (end === -1) {
      unclosed[close] = true;
      continue;
    }
    out += text.slice(from, i);
    from = end + 1;
    i = end;
  }
  return out + text.slice(from);
}

const SYNONYM_INDEX = new Map<string, CanonicalField>(
  CANONICAL_FIELDS.flatMap((field) =>
    HEADER_SYNONYMS[field].map((name) => [normaliseHeaderName(name), field] as const),
  ),
);

/** How the cells of each row are read, as decided by the header. */
export interface HeaderMapping {
  layout: "canonical" | "dhis2";
  /** Cell index of each field present. */
  fields: ReadonlyArray<readonly [index: number, field: CanonicalField]>;
  /** Cell index of each DHIS2 column read apart (layout `dhis2` only). */
  dhis2: Partial<Record<Dhis2Column, number>>;
  /** Cells in the header row; a CSV line with more or fewer is malformed. */
  width: number;
  warnings: FileWarning[];
}

/** The mapping of a usable header, or the file error an unusable one makes. */
export type HeaderResult = { ok: true; mapping: HeaderMapping } | { ok: false; error: FileError };

/** Maps header cells to fields, or explains why the row is not a usable header. */
export function mapHeader(cells: readonly string[]): HeaderResult {
  const names = cells.map(normaliseHeaderName);
  const dhis2 = names.includes("dataelement");
  const fields: [number, CanonicalField][] = [];
  const byField = new Map<CanonicalField, string[]>();
  const ignored: string[] = [];
  const extra: Partial<Record<Dhis2Column, number>> = {};
  names.forEach((name, index) => {
    const shown = (cells[index] ?? "").trim();
    if (shown === "") return;
    const column = dhis2 && Object.hasOwn(DHIS2_EXTRA, name) ? DHIS2_EXTRA[name] : undefined;
    if (column) extra[column] ??= index;
    const field =
      dhis2 && Object.hasOwn(DHIS2_COLUMNS, name) ? DHIS2_COLUMNS[name] : SYNONYM_INDEX.get(name);
    if (field === undefined) ignored.push(shown);
    if (!field) return;
    fields.push([index, field]);
    const same = byField.get(field);
    if (same) same.push(shown);
    else byField.set(field, [shown]);
  });
  if (fields.length === 0) return { ok: false, error: fileError("header_missing") };
  const duplicated = [...byField.values()].filter((shown) => shown.length > 1);
  if (duplicated.length > 0) {
    const columns = duplicated.map((shown) => shown.join(" = ")).join("; ");
    return { ok: false, error: fileError("header_duplicate_columns", { columns }) };
  }
  const missing = REQUIRED_FIELDS.filter((field) => !byField.has(field));
  if (missing.length > 0) {
    return {
      ok: false,
      error: fileError("header_missing_columns", { columns: missing.join(", ") }),
    };
  }
  const warnings =
    ignored.length > 0 ? [fileWarning("columns_ignored", { columns: ignored.join(", ") })] : [];
  return {
    ok: true,
    mapping: {
      layout: dhis2 ? "dhis2" : "canonical",
      fields,
      dhis2: extra,
      width: cells.length,
      warnings,
    },
  };
}
