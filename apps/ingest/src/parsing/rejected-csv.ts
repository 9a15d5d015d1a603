import { csvField } from "@spm/services";
import { CANONICAL_FIELDS } from "./header";

/** A rejected row of an upload with one of its errors (rows with several errors come several times). */
export interface RejectedRowError {
  row: number;
  raw: unknown;
  field: string | null;
  code: string | null;
  message: string | null;
}

// Cells are the steward's own text: neutralised, so a spreadsheet shows and never runs them.
const cell = (v: unknown) => csvField(v === null || v === undefined ? "" : String(v));

/**
 * The rejected rows in the canonical layout plus their row number and reasons, as UTF-8 CSV
 * with a BOM (Excel opens Cyrillic right), ready to fix and send again.
 */
export function buildRejectedCsv(rows: readonly RejectedRowError[]): string {
  const byRow = new Map<number, { raw: Record<string, unknown>; reasons: string[] }>();
  for (const r of rows) {
    const entry = byRow.get(r.row) ?? {
      raw: (r.raw ?? {}) as Record<string, unknown>,
      reasons: [],
    };
    if (r.code) entry.reasons.push(`${r.field}: ${r.message} [${r.code}]`);
    byRow.set(r.row, entry);
  }
  const lines = [[...CANONICAL_FIELDS, "row", "errors"].join(",")];
  for (const [row, { raw, reasons }] of byRow) {
    lines.push(
      [...CANONICAL_FIELDS.map((c) => cell(raw[c])), row, cell(reasons.join("; "))].join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
