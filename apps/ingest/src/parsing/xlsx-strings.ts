/**
 * A workbook's shared strings kept in a temporary file instead of the heap (what Apache POI's
 * streaming readers do with a large table: a temp-file shared strings table). A 20 MB workbook of
 * long notes holds tens of megabytes of shared strings that every cell may refer to: in memory
 * they ran the API out of its heap budget. Here each string is appended to the file as it is
 * parsed and only its offset (4 bytes) stays in memory; a cell's string is read back from a
 * window of the file, which sheets mostly walk in order.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";

const WINDOW_BYTES = 64 * 1024;
const FLUSH_BYTES = 1024 * 1024;

// The first byte of each entry: what the rest of it is.
const NULL = 0;
const TEXT = 1;
const JSON_VALUE = 2;

export class SpilledStrings {
  private readonly fd: number;
  // Entry i spans offsets[i] to offsets[i + 1] of the file (external memory, not the heap).
  private offsets = new Uint32Array(1024);
  private count = 0;
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private windowLength = 0;
  private closed = false;

  constructor(file: string) {
    this.fd = openSync(file, "w+", 0o600);
  }

  /** How many strings the table holds. */
  get length(): number {
    return this.count;
  }

  /** Appends the next string (text, exceljs's `{richText}` or null). */
  push(value: unknown): void {
    const bytes =
      value === null || value === undefined
        ? Buffer.of(NULL)
        : typeof value === "string"
          ? Buffer.concat([Buffer.of(TEXT), Buffer.from(value, "utf8")])
          : Buffer.concat([Buffer.of(JSON_VALUE), Buffer.from(JSON.stringify(value), "utf8")]);
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.size += bytes.length;
    this.count += 1;
    this.offsets[this.count] = this.size;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** The index-th string as exceljs caches it, or undefined past the end (as an array would). */
  at(index: number): unknown {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    this.flush();
    const start = this.offsets[index] ?? 0;
    const end = this.offsets[index + 1] ?? start;
    const bytes = this.read(start, end);
    if (bytes[0] === TEXT) return bytes.toString("utf8", 1);
    if (bytes[0] === JSON_VALUE) return JSON.parse(bytes.toString("utf8", 1));
    return null;
  }

  /** The table as the array exceljs's worksheet reader indexes (`sharedStrings[i]`). */
  asArray(): unknown[] {
    return new Proxy([] as unknown[], {
      get: (target, key) => {
        if (key === "length") return this.count;
        const index = typeof key === "string" ? Number(key) : Number.NaN;
        return Number.isInteger(index) ? this.at(index) : Reflect.get(target, key);
      },
    });
  }

  /** Closes the file (its folder is removed by the reader). Harmless twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(
        this.fd,
        bytes,
        written,
        bytes.length - written,
        this.size - this.pendingBytes + written,
      );
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  private read(start: number, end: number): Buffer {
    const windowEnd = this.windowStart + this.windowLength;
    if (start >= this.windowStart && end <= windowEnd)
      return this.window.subarray(start - this.windowStart, end - this.windowStart);
    const length = Math.max(WINDOW_BYTES, end - start);
    if (this.window.length < length) this.window = Buffer.allocUnsafe(length);
    this.windowStart = start;
    this.windowLength = readSync(this.fd, this.window, 0, length, start);
    return this.window.subarray(0, end - start);
  }
}
