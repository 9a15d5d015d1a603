/**
 * Streaming CSV: the bytes are turned into UTF-8 (their encoding detected), the delimiter is read
 * from the header line, and csv-parse yields records one at a time, so memory stays flat.
 */
import { pipeline, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { CsvError, parse } from "csv-parse";
import { ColumnGuard, TooManyColumns } from "./csv-columns";
import { createUtf8Stream, detectEncoding } from "./detect-encoding";
import { fileError, UploadFileError } from "./errors";
import { MAX_COLUMNS, MAX_RECORD_CHARS } from "./limits";
import { peekStream } from "./peek";
import { openTable, type TableRecord } from "./table";
import type { CodeAliases, Delimiter, ParseUploadResult } from "./types";

const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];
// Excel writes and reads a first line `sep=;` naming the delimiter; it hides that line.
const SEP_DIRECTIVE = /^sep=([,;\t])[ \t]*$/i;

/** Opens a CSV upload: reads up to its header and returns its rows to iterate, or a file error. */
export async function parseCsv(
  source: Readable,
  head: Buffer,
  options: { aliases?: CodeAliases | undefined },
): Promise<ParseUploadResult> {
  const guess = detectEncoding(head);
  if (!guess) {
    source.destroy();
    return { ok: false, error: fileError("file_unreadable") };
  }
  const utf8 = createUtf8Stream(guess);
  const start = new TextStart();
  const text = await peekStream<Buffer>(
    pipeline(source, utf8, () => {}),
    start.isComplete,
  );
  const firstLine = start.text.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const directive = SEP_DIRECTIVE.exec(firstLine)?.[1] as Delimiter | undefined;
  const delimiter = directive ?? detectDelimiter(start.text.match(/\S[^\r\n]*/)?.[0] ?? "");
  const parser = parse({
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
    from_line: directive ? 2 : 1,
  });
  // Cell text and cells are both bounded while a line is read, so a line's bytes are too.
  const guard = new ColumnGuard(delimiter, MAX_COLUMNS);
  const records = pipeline(text.rest, guard, parser, () => {});
  const table = await openTable(csvRecords(records, directive ? 1 : 0), {
    aliases: options.aliases,
    checkWidth: true,
  });
  if (!table.ok) return table;
  return {
    ok: true,
    format: table.mapping.layout === "dhis2" ? "dhis2" : "csv",
    get encoding() {
      return utf8.sourceEncoding;
    },
    delimiter,
    warnings: table.mapping.warnings,
    skipped: table.skipped,
    rows: table.rows,
  };
}

// The text read ahead, each chunk decoded once, until its first non-blank line is complete.
class TextStart {
  text = "";
  private decoded = 0;
  private readonly decoder = new StringDecoder("utf8");

  readonly isComplete = (chunks: readonly Buffer[]): boolean => {
    for (const chunk of chunks.slice(this.decoded)) this.text += this.decoder.write(chunk);
    this.decoded = chunks.length;
    if (this.text.length > MAX_RECORD_CHARS) return true;
    // Not /\S[^\r\n]*[\r\n]/: that backtracks from every cell of a long line (minutes for 1 MB).
    const first = this.text.search(/\S/);
    return first !== -1 && /[\r\n]/.test(this.text.slice(first));
  };
}

/** Picks the delimiter used most often outside quotes in the header line (`,` when none is). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: Delimiter = ",";
  for (const candidate of DELIMITERS) {
    if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  }
  return best;
}

// Every record counts, blank lines included, so numbers match the rows of a spreadsheet.
async function* csvRecords(
  records: AsyncIterable<string[]>,
  linesBefore: number,
): AsyncGenerator<TableRecord> {
  let row = 0;
  try {
    for await (const cells of records) {
      row++;
      yield { row, cells };
    }
  } catch (error) {
    if (error instanceof TooManyColumns) {
      const params = { row: error.record - linesBefore, max: MAX_COLUMNS };
      throw new UploadFileError(fileError("row_too_many_columns", params));
    }
    if (!(error instanceof CsvError)) throw error;
    const at = typeof error.records === "number" ? error.records + 1 : row + 1;
    if (error.code === "CSV_QUOTE_NOT_CLOSED") {
      throw new UploadFileError(fileError("csv_quote_not_closed", { row: at }));
    }
    if (error.code === "CSV_MAX_RECORD_SIZE") {
      throw new UploadFileError(fileError("csv_row_too_long", { row: at, max: MAX_RECORD_CHARS }));
    }
    throw new UploadFileError(fileError("file_unreadable", { row: at }));
  }
}
