/**
 * The file-parsing layer of uploads: `parseUpload` sniffs the format from the first bytes (the
 * name and content type are hints only), reads the header, and hands back the rows as a stream.
 */
import type { Readable } from "node:stream";
import { parseCsv } from "./csv";
import { parseDhis2Json } from "./dhis2-json";
import { parseDhis2Xml } from "./dhis2-xml";
import { fileError } from "./errors";
import { byteLength, peekStream } from "./peek";
import type { CodeAliases, ParseUploadResult } from "./types";
import { parseXlsx } from "./xlsx";

export { detectDelimiter } from "./csv";
export { detectEncoding, type TextEncoding } from "./detect-encoding";
export * from "./errors";
export { CANONICAL_FIELDS, type CanonicalField, HEADER_SYNONYMS, REQUIRED_FIELDS } from "./header";
export { MAX_COLUMNS, MAX_RECORD_CHARS } from "./limits";
export { buildRejectedCsv, type RejectedRowError } from "./rejected-csv";
export { buildCsvTemplate, buildXlsxTemplate, templateFileName } from "./template";
export * from "./types";

/** An uploaded file as it arrives. */
export interface UploadInput {
  stream: Readable;
  filename: string;
  contentType?: string | undefined;
  aliases?: CodeAliases | undefined;
}

/** What the first bytes say the file is. */
export type SniffedKind = "empty" | "csv" | "json" | "xml" | "xlsx" | "xls" | "ods" | "unreadable";

// Enough for the zip magic and for a fair sample of text to judge its encoding.
const SNIFF_BYTES = 64 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: legacy .xls, and also password-protected .xlsx.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An OpenDocument file starts with its stored `mimetype` entry (ODF 1.2, part 3, 3.3).
const ODS_MIMETYPE = "mimetypeapplication/vnd.oasis.opendocument.spreadsheet";
const JSON_START = /^\uFEFF?\s*\{/;
const XML_START = /^\uFEFF?\s*</;
const EXCEL_2003_XML = /urn:schemas-microsoft-com:office:spreadsheet/;
const FLAT_ODS = /application\/vnd\.oasis\.opendocument\.spreadsheet/;
const HTML_START = /^\uFEFF?\s*(?:<!doctype html|<html|<table)/i;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Opens an upload: resolves with its format and rows once the header is read, or with a file
 * error (code and messages in en, ru, kk); after a file error the input stream is destroyed.
 */
export async function parseUpload(input: UploadInput): Promise<ParseUploadResult> {
  const peeked = await peekStream<Buffer | string>(
    input.stream,
    (head) => byteLength(head.map(toBuffer)) >= SNIFF_BYTES,
  );
  const head = Buffer.concat(peeked.head.map(toBuffer));
  const kind = sniffFormat(head, input.filename, input.contentType);
  const options = { aliases: input.aliases };
  if (kind === "csv") return parseCsv(peeked.rest, head.subarray(0, SNIFF_BYTES), options);
  if (kind === "xlsx") return parseXlsx(peeked.rest, options);
  if (kind === "json") return parseDhis2Json(peeked.rest, options);
  if (kind === "xml") return parseDhis2Xml(peeked.rest, options);
  input.stream.destroy();
  if (kind === "empty") return { ok: false, error: fileError("file_empty") };
  if (kind === "xls") return { ok: false, error: fileError("format_unsupported") };
  if (kind === "ods") return { ok: false, error: fileError("format_ods") };
  return { ok: false, error: fileError("file_unreadable") };
}

/** Decides the format from the first bytes; an .xlsx name on a file that is no zip is unreadable. */
export function sniffFormat(head: Buffer, filename: string, contentType?: string): SniffedKind {
  if (head.length === 0) return "empty";
  if (head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    return head.subarray(30, 30 + ODS_MIMETYPE.length).toString("latin1") === ODS_MIMETYPE
      ? "ods"
      : "xlsx";
  }
  if (head.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) return "xls";
  // A text starting `{` (after a BOM and white space) is JSON whatever its name; no CSV does.
  if (JSON_START.test(head.subarray(0, 1024).toString("utf8"))) return "json";
  if (/\.json$/i.test(filename.trim())) return "json";
  // `<` starts XML (DHIS2's DXF2); a CSV never starts so. Spreadsheets saved as XML or as a web
  // page (Excel 2003 XML, flat OpenDocument, an HTML table named .xls) are not data value sets;
  // other HTML (a server's error page) is answered as not one.
  const start = head.subarray(0, 4096).toString("utf8");
  if (XML_START.test(start)) {
    if (FLAT_ODS.test(start)) return "ods";
    const page = HTML_START.test(start) && /\.xls[xm]?$/i.test(filename.trim());
    return EXCEL_2003_XML.test(start) || page ? "xls" : "xml";
  }
  const claimsXlsx =
    /\.xls[xm]$/i.test(filename.trim()) || contentType?.split(";")[0]?.trim() === XLSX_TYPE;
  // A text file named .xls is common (web reports export tab-separated text so): it is read as CSV.
  return claimsXlsx ? "unreadable" : "csv";
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}
