/**
 * Counts the cells of each CSV record as the bytes go by, before csv-parse builds them: its
 * record-size limit counts cell text only, so a line of delimiters (all empty cells) is not
 * bounded by it. Quotes are read as csv-parse reads them with `relax_quotes`: a quote opens only
 * at the start of a cell; inside, `""` is a quote and any other quote closes.
 */
import { Transform, type TransformCallback } from "node:stream";

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Thrown (as the stream's error) at the first record with more than `max` cells. */
export class TooManyColumns extends Error {
  constructor(readonly record: number) {
    super(`record ${record} has too many cells`);
  }
}

/** A pass-through that fails at the first record with more than `max` cells. */
export class ColumnGuard extends Transform {
  private quoting = false;
  private quoteAtEnd = false;
  private cellStarted = false;
  private cells = 1;
  private record = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly max: number,
  ) {
    super();
    this.delimiter = delimiter.charCodeAt(0);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let i = 0;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      // The quote that ended the last chunk: doubled (a quote in the cell) or closing.
      if (chunk[0] === QUOTE) i = 1;
      else this.quoting = false;
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.quoting) {
        if (byte !== QUOTE) continue;
        if (i + 1 === chunk.length) this.quoteAtEnd = true;
        else if (chunk[i + 1] === QUOTE) i++;
        else this.quoting = false;
      } else if (byte === this.delimiter) {
        this.cellStarted = false;
        if (++this.cells > this.max) {
          done(new TooManyColumns(this.record));
          return;
        }
      } else if (byte === LF || byte === CR) {
        // "\r\n" counts twice here; only the cells of a record matter, not its number.
        if (byte === LF || chunk[i + 1] !== LF) this.record++;
        this.cells = 1;
        this.cellStarted = false;
      } else if (byte === QUOTE && !this.cellStarted) {
        this.quoting = true;
        this.cellStarted = true;
      } else this.cellStarted = true;
    }
    done(null, chunk);
  }
}
