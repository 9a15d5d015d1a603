/**
 * Text encoding of an uploaded CSV: a BOM decides; otherwise NUL-byte patterns reveal UTF-16; an
 * 8-bit file is UTF-8 when its non-ASCII bytes form valid UTF-8, else Windows-1251 (the one
 * single-byte code page of Russian-language Excel in Kazakhstan).
 */
import { Transform, type TransformCallback } from "node:stream";
import iconv from "iconv-lite";

/** The encodings a CSV upload may come in. */
export const TEXT_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1251"] as const;
/** One of the encodings a CSV upload may come in. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** What the first bytes say; `settled: false` means only ASCII was seen so far. */
export interface EncodingGuess {
  encoding: TextEncoding;
  bom: boolean;
  settled: boolean;
}

/** A Transform from the file's bytes to UTF-8 bytes that tells which encoding it read. */
export interface Utf8Stream extends Transform {
  readonly sourceEncoding: TextEncoding;
}

// Share of a byte column that must be NUL (or 0x04, the high byte of Cyrillic) to call it UTF-16.
const UTF16_HIGH_SHARE = 0.6;
const UTF16_LOW_SHARE = 0.1;

/** Guesses the encoding from the first bytes of a file; `null` means binary, not text. */
export function detectEncoding(head: Buffer): EncodingGuess | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: "utf-8", bom: true, settled: true };
  }
  if (head[0] === 0xff && head[1] === 0xfe)
    return { encoding: "utf-16le", bom: true, settled: true };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { encoding: "utf-16be", bom: true, settled: true };
  const utf16 = guessUtf16(head);
  if (utf16) return { encoding: utf16, bom: false, settled: true };
  if (head.includes(0)) return null;
  const firstHigh = head.findIndex((byte) => byte >= 0x80);
  if (firstHigh < 0) return { encoding: "utf-8", bom: false, settled: false };
  const encoding = isUtf8(head.subarray(firstHigh), true) ? "utf-8" : "windows-1251";
  return { encoding, bom: false, settled: true };
}

function guessUtf16(head: Buffer): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let evenHigh = 0;
  let oddHigh = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0 || head[i] === 4) evenHigh++;
    if (head[i + 1] === 0 || head[i + 1] === 4) oddHigh++;
  }
  if (oddHigh >= pairs * UTF16_HIGH_SHARE && evenHigh <= pairs * UTF16_LOW_SHARE) return "utf-16le";
  if (evenHigh >= pairs * UTF16_HIGH_SHARE && oddHigh <= pairs * UTF16_LOW_SHARE) return "utf-16be";
  return null;
}

/** Tells whether bytes are valid UTF-8; with `truncated`, a sequence cut off at the end is allowed. */
export function isUtf8(bytes: Uint8Array, truncated = false): boolean {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i] ?? 0);
    if (length === 0) return false;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return truncated;
      const next = bytes[i + k] ?? 0;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += length;
  }
  return true;
}

// Length of the UTF-8 sequence a lead byte starts, 0 when it cannot start one.
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Creates the stream that turns the file's bytes into UTF-8 bytes (what csv-parse reads): UTF-8
 * passes through untouched, other encodings are decoded by iconv-lite; an unsettled guess
 * decides at the first non-ASCII byte. The BOM is dropped.
 */
export function createUtf8Stream(guess: EncodingGuess): Utf8Stream {
  return new Utf8Transcoder(guess);
}

// Until a non-ASCII byte arrives both candidate encodings read the same, so nothing is held back
// but the few bytes of a sequence cut at a chunk's end.
class Utf8Transcoder extends Transform implements Utf8Stream {
  private chosen: TextEncoding | null;
  private decoder: iconv.DecoderStream | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private bomLeft: number;

  constructor(guess: EncodingGuess) {
    super();
    this.chosen = guess.settled ? guess.encoding : null;
    if (guess.settled && guess.encoding !== "utf-8")
      this.decoder = iconv.getDecoder(guess.encoding);
    this.bomLeft = guess.encoding === "utf-8" && guess.bom ? 3 : 0;
  }

  get sourceEncoding(): TextEncoding {
    return this.chosen ?? "utf-8";
  }

  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    let bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    if (this.bomLeft > 0) {
      const skipped = Math.min(this.bomLeft, bytes.length);
      this.bomLeft -= skipped;
      bytes = bytes.subarray(skipped);
    }
    done(null, this.chosen === null ? this.undecided(bytes) : this.convert(bytes));
  }

  // ASCII passes; the first non-ASCII byte decides, once 4 bytes (a whole sequence) are in.
  private undecided(bytes: Buffer): Buffer {
    const firstHigh = bytes.findIndex((byte) => byte >= 0x80);
    if (firstHigh < 0) return bytes;
    if (bytes.length - firstHigh < 4) {
      this.pending = Buffer.from(bytes.subarray(firstHigh));
      return bytes.subarray(0, firstHigh);
    }
    this.choose(bytes.subarray(firstHigh), false);
    return this.convert(bytes);
  }

  override _flush(done: TransformCallback): void {
    if (this.chosen === null) this.choose(this.pending, true);
    const last = this.convert(this.pending);
    const rest = this.decoder?.end() ?? "";
    done(null, rest === "" ? last : Buffer.concat([last, Buffer.from(rest, "utf8")]));
  }

  private choose(sample: Buffer, final: boolean): void {
    this.chosen = isUtf8(sample, !final) ? "utf-8" : "windows-1251";
    if (this.chosen !== "utf-8") this.decoder = iconv.getDecoder(this.chosen);
  }

  private convert(bytes: Buffer): Buffer {
    return this.decoder ? Buffer.from(this.decoder.write(bytes), "utf8") : bytes;
  }
}
