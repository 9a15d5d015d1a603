/**
 * ISO date cells (`t="d"`, as openpyxl and pandas write dates) rewritten, as a sheet's XML streams
 * by, into the serial numbers Excel itself stores: exceljs (4.4.0) reads their text as a number,
 * so 2021-01-01 became 2021 days after 1900, i.e. 1905-07-13.
 */
import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";

// A date cell and its value; attributes before and after `t="d"` are kept (the style gives the format).
const DATE_CELL = /<c\b([^>]*?)\s+t="d"([^>]*)>(\s*)<v>([^<]*)<\/v>/g;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?Z?$/;
// Unix day of Excel's day 0 (1899-12-30), and of the 1904 date system's day 0.
const EPOCH_1900_DAYS = 25_569;
const DAYS_1900_TO_1904 = 1_462;
// No cell of a sheet we accept is this long (limits.ts caps a row at 1,000,000 characters).
const MAX_HELD_CHARS = 4 * 1024 * 1024;

/** The Excel serial number of an ISO date or date-time, or undefined when it is not one. */
export function isoToSerial(text: string, date1904 = false): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h, mi, s) + Number(m[7] ?? 0) * 1000;
  const date = new Date(ms);
  if (date.getUTCMonth() !== (mo ?? 1) - 1 || date.getUTCDate() !== d) return undefined;
  const serial = ms / 86_400_000 + EPOCH_1900_DAYS;
  return date1904 ? serial - DAYS_1900_TO_1904 : serial;
}

function rewrite(xml: string, date1904: boolean): string {
  return xml.replace(
    DATE_CELL,
    (_cell, before: string, after: string, space: string, v: string) => {
      const serial = isoToSerial(v, date1904);
      // Not a date we can read: kept as the text it is, never as a wrong number.
      if (serial === undefined) return `<c${before} t="str"${after}>${space}<v>${v}</v>`;
      return `<c${before}${after}>${space}<v>${serial}</v>`;
    },
  );
}

// Where the text can be cut so that no cell is split: before the last cell if it is not closed,
// and before a tag that has not ended.
function completeUpTo(text: string): number {
  let cut = text.length;
  let last = -1;
  for (const m of text.matchAll(/<c[\s>/]/g)) last = m.index;
  if (last >= 0) {
    const tail = text.slice(last);
    if (!/^<c\b[^>]*\/>/.test(tail) && !tail.includes("</c>")) cut = last;
  }
  const open = text.lastIndexOf("<");
  if (open >= 0 && !text.includes(">", open)) cut = Math.min(cut, open);
  return cut;
}

/** A transform of a worksheet's XML; `date1904` is asked when the sheet is read. */
export function isoDateCells(date1904: () => boolean): Transform {
  const decoder = new StringDecoder("utf8");
  let held = "";
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = held + decoder.write(chunk);
      const complete = completeUpTo(text);
      const cut = text.length - complete > MAX_HELD_CHARS ? text.length : complete;
      held = text.slice(cut);
      done(null, rewrite(text.slice(0, cut), date1904()));
    },
    flush(done) {
      done(null, rewrite(held + decoder.end(), date1904()));
    },
  });
}
