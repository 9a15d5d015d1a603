/**
 * A workbook's XML made plain for exceljs (4.4.0), as it streams by, so that every tool's
 * dialect reads as the tool shows it: formulas by their cached value (a date, a string, a
 * boolean or an error as such; exceljs otherwise reads every cached value as a number in the
 * 1900 calendar), elements without the namespace prefix the Open XML SDK writes, ISO date cells (`t="d"`, openpyxl, pandas) as serial numbers, rows and cells
 * without their `r` (optional in the standard) numbered, inline rich text whole, and
 * `date1904="true"` (LibreOffice) as `"1"`, the only spelling exceljs reads.
 */
import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { isoToSerial } from "./xlsx-iso-dates";

// No tag or cell of a sheet we accept is this long (limits.ts caps a row at 1,000,000 characters).
const MAX_HELD_CHARS = 4 * 1024 * 1024;
// A row's start tag, an empty cell, or a cell with its content.
const ROW_OR_CELL = /<row\b([^>]*?)(\/?)>|<c\b([^>]*?)\/>|<c\b([^>]*)>([\s\S]*?)<\/c>/g;
const FORMULA = /<f\b[^>]*\/>|<f\b[^>]*>[\s\S]*?<\/f>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>|<phoneticPr\b[^>]*\/>/g;
const EMPTY_VALUE = /<v\s*\/>|<v><\/v>/g;
const DATE_TYPE = /\st\s*=\s*["']d["']/;
const TEXT_RUN = /<t\b[^>]*\/>|<t\b[^>]*>([^<]*)<\/t>/g;

const ATTRIBUTES = {
  r: /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/,
  t: /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/,
};

/** The value of attribute `r` or `t` in a tag's attribute text. */
function attribute(attrs: string, name: keyof typeof ATTRIBUTES): string | undefined {
  const m = ATTRIBUTES[name].exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

function withoutType(attrs: string): string {
  return attrs.replace(/\st\s*=\s*(?:"[^"]*"|'[^']*')/, "");
}

// Column letters (A, Z, AA...) and back.
function columnOf(ref: string): number | undefined {
  const letters = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref)?.[1]?.toUpperCase();
  if (!letters) return undefined;
  return [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
}

function letters(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The error a cell shows here when its formula was never calculated (no cached value). */
export const UNCALCULATED = "#UNCALCULATED";

/** Rewrites rows and cells of a worksheet, numbering where the file does not. */
class SheetCells {
  private row = 0;
  // The column of the last cell: a number, or its reference not yet read (most cells have one).
  private column: number | string = 0;

  constructor(private readonly date1904: () => boolean) {}

  rewrite(xml: string): string {
    return xml.replace(
      ROW_OR_CELL,
      (
        tag,
        rowAttrs?: string,
        slash?: string,
        emptyAttrs?: string,
        attrs?: string,
        body?: string,
      ) => {
        if (rowAttrs !== undefined) return this.rowTag(rowAttrs, slash ?? "");
        const own = emptyAttrs ?? attrs ?? "";
        const numbered = this.numbered(own);
        if (body === undefined) return numbered === own ? tag : `<c${numbered}/>`;
        // Most cells (numbers, shared strings) need nothing more.
        if (!/<f|<is|<v\s*\/>|<v><\/v>/.test(body) && !DATE_TYPE.test(own))
          return numbered === own ? tag : `<c${numbered}>${body}</c>`;
        return this.cell(numbered, body);
      },
    );
  }

  private rowTag(attrs: string, slash: string): string {
    const r = Number.parseInt(attribute(attrs, "r") ?? "", 10);
    this.column = 0;
    if (Number.isInteger(r) && r > 0) {
      this.row = r;
      return `<row${attrs}${slash}>`;
    }
    this.row += 1;
    return `<row r="${this.row}"${attrs.replace(/\sr\s*=\s*(?:"[^"]*"|'[^']*')/, "")}${slash}>`;
  }

  private numbered(attrs: string): string {
    const ref = attribute(attrs, "r");
    if (ref !== undefined && columnOf(ref) !== undefined) {
      this.column = ref;
      return attrs;
    }
    const last = typeof this.column === "number" ? this.column : (columnOf(this.column) ?? 0);
    this.column = last + 1;
    const rest = attrs.replace(/\sr\s*=\s*(?:"[^"]*"|'[^']*')/, "");
    return ` r="${letters(this.column)}${this.row}"${rest}`;
  }

  private cell(attrs: string, content: string): string {
    // The cached value is what the tool showed; the formula itself is never evaluated here.
    const formula = content.includes("<f");
    let body = content.replace(FORMULA, "").replace(EMPTY_VALUE, "");
    // A formula no program calculated (openpyxl, exceljs without a result) shows nothing yet.
    if (formula && !/<v>|<is/.test(body))
      return `<c${withoutType(attrs)} t="e"><v>${UNCALCULATED}</v></c>`;
    let type = attrs;
    const t = attribute(attrs, "t");
    if (t === "d") {
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1] ?? "";
      const serial = isoToSerial(v, this.date1904());
      // Not a date we can read: kept as the text it is, never as a wrong number.
      type = attrs.replace(/(\s)t\s*=\s*(["'])d\2/, serial === undefined ? '$1t="str"' : "");
      if (serial !== undefined) body = body.replace(/<v>[^<]*<\/v>/, `<v>${serial}</v>`);
    } else if (body.includes("<is")) {
      // exceljs keeps only the last run of inline rich text; the cell shows them all.
      const runs = [...body.replace(PHONETIC, "").matchAll(TEXT_RUN)].map((m) => m[1] ?? "");
      body = `<is><t>${runs.join("")}</t></is>`;
      type = `${withoutType(attrs)} t="inlineStr"`;
    }
    return `<c${type}>${body}</c>`;
  }
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

function heldRewrite(rewrite: (xml: string) => string): Transform {
  const decoder = new StringDecoder("utf8");
  let held = "";
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = held + decoder.write(chunk);
      const complete = completeUpTo(text);
      const cut = text.length - complete > MAX_HELD_CHARS ? text.length : complete;
      held = text.slice(cut);
      done(null, rewrite(text.slice(0, cut)));
    },
    flush(done) {
      done(null, rewrite(held + decoder.end()));
    },
  });
}

/** A transform of a worksheet's XML; `date1904` is asked when the sheet is read. */
export function sheetXml(date1904: () => boolean): Transform {
  const cells = new SheetCells(date1904);
  return heldRewrite((xml) => cells.rewrite(xml));
}

/** A transform of `xl/workbook.xml`: the 1904 date system however its boolean is spelt. */
export function workbookXml(): Transform {
  return heldRewrite((xml) =>
    xml.replace(/<workbookPr\b[^>]*>/g, (tag) =>
      tag.replace(/(\sdate1904\s*=\s*)(["'])(?:true|1)\2/, '$1"1"'),
    ),
  );
}

// The root element of a part; SpreadsheetML's own namespace, which the Open XML SDK binds to `x`.
const ROOT = /<(?![?!])([^\s>/]+)[^>]*>/;
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * A transform of any part of the workbook: elements of SpreadsheetML's namespace written with a
 * prefix (`<x:row>`, as the Open XML SDK writes them) lose it; exceljs reads names as written.
 */
export function unprefixed(): Transform {
  let strip: RegExp | null | undefined;
  return heldRewrite((xml) => {
    if (strip === undefined) {
      const root = ROOT.exec(xml);
      if (!root) return xml;
      const prefix = root[1]?.includes(":") ? root[1].split(":")[0] : undefined;
      const bound = prefix && root[0].includes(`xmlns:${prefix}="${MAIN_NS}"`);
      strip = bound ? new RegExp(`<(/?)${prefix.replace(/[.-]/g, "\\$&")}:`, "g") : null;
    }
    return strip ? xml.replace(strip, "<$1") : xml;
  });
}
