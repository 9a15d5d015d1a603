// Staging by COPY: a batch of rows in one COPY ... FROM STDIN (text format) into upload_rows'
// narrow columns, instead of multi-row inserts of jsonb documents.
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type RawBuilder, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { StagedRow } from "./uploads";

const CELLS = ["indicator", "period", "region", "value", "flag", "note", "source"] as const;
const COLUMNS = `upload_id, row_number, figure_key, outcome, raw, ${CELLS.join(", ")}, value_number`;

/**
 * A staged row's cells as the jsonb document it was sent as: `raw` when the row kept one, else
 * built from its columns (a JSON number value as a number, absent cells absent).
 */
export function stagedRaw(alias: string): RawBuilder<Record<string, unknown> | null> {
  const c = (name: string) => sql.ref(`${alias}.${name}`);
  return sql`coalesce(${c("raw")}, jsonb_strip_nulls(jsonb_build_object('indicator',
    ${c("indicator")}, 'period', ${c("period")}, 'region', ${c("region")}, 'value',
    coalesce(to_jsonb(${c("value_number")}), to_jsonb(${c("value")})), 'flag', ${c("flag")},
    'note', ${c("note")}, 'source', ${c("source")})))`;
}

// COPY's text format: backslash, newline, carriage return and tab escaped; \N is null.
function field(v: string | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  return v.replace(/[\\\n\r\t]/g, (ch) =>
    ch === "\\" ? "\\\\" : ch === "\n" ? "\\n" : ch === "\r" ? "\\r" : "\\t",
  );
}

/** The row's cells as column values, or null when only its jsonb document keeps it exactly. */
function cellsOf(raw: Record<string, unknown>): (string | null)[] | null {
  const cells: (string | null)[] = [];
  for (const key of Object.keys(raw)) {
    if (!(CELLS as readonly string[]).includes(key)) return null;
  }
  for (const key of CELLS) {
    const v = raw[key];
    if (v === null || v === undefined) cells.push(null);
    else if (typeof v === "string") cells.push(v);
    // A value sent as a JSON number keeps its type (value_number); any other number, or another
    // type, is kept exactly by the row's jsonb document.
    else if (typeof v === "number" && key === "value") cells.push(String(v));
    else return null;
  }
  return cells;
}

function line(uploadId: string, r: StagedRow): string {
  const cells = cellsOf(r.raw);
  const head = [uploadId, String(r.row), field(r.figureKey), field(r.outcome)];
  if (!cells) {
    const empty = CELLS.map(() => "\\N");
    return `${[...head, field(JSON.stringify(r.raw)), ...empty, "\\N"].join("\t")}\n`;
  }
  const number = typeof r.raw.value === "number" ? String(r.raw.value) : null;
  const valueText = number === null ? cells[3] : null;
  const values = cells.map((c, i) => field(i === 3 ? valueText : c));
  return `${[...head, "\\N", ...values, field(number)].join("\t")}\n`;
}

/** Stores raw rows of an upload with one COPY on the caller's connection (inside its transaction). */
export async function copyStagedRows(
  client: pg.PoolClient,
  uploadId: string,
  rows: readonly StagedRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const text = rows.map((r) => line(uploadId, r)).join("");
  const copy = client.query(copyFrom(`copy upload_rows (${COLUMNS}) from stdin`));
  await pipeline(Readable.from([text]), copy as unknown as Writable);
}
