/**
 * exceljs's streaming workbook reader with a budget on what the zip inflates to. Its own `parse`
 * (exceljs 4.4.0, pinned) inflates entries without limit and spools early sheets to temporary
 * files it keeps when reading stops early; this one counts every inflated byte of every entry
 * against MAX_XLSX_* (limits.ts) and spools into a folder of its own, removed however it ends,
 * the shared strings included (xlsx-strings.ts: a file, not the heap).
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Duplex, type Readable, Transform } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
// @ts-expect-error unzipper (the zip reader exceljs itself uses) ships no types
import unzipper from "unzipper";
import {
  MAX_XLSX_INFLATED_BYTES,
  MAX_XLSX_RATIO,
  MAX_XLSX_SHARED_STRINGS_BYTES,
  XLSX_RATIO_FROM_BYTES,
} from "./limits";
import { sheetXml, unprefixed, workbookXml } from "./xlsx-sheet-xml";
import { SpilledStrings } from "./xlsx-strings";

/** Thrown when a workbook inflates past its budget. */
export class XlsxTooLarge extends Error {
  override readonly name = "XlsxTooLarge";
}

interface ZipEntry extends Readable {
  path: string;
}

// What exceljs's WorkbookReader does with each entry (its own methods, called as it calls them).
interface ReaderInternals {
  input: Readable;
  options: { sharedStrings: string };
  sharedStrings?: unknown[];
  workbookRels?: { Target?: string; Type?: string }[];
  model?: unknown;
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: object,
) => ReaderInternals;

class Budget {
  compressed = 0;
  inflated = 0;

  /** Counts `bytes` more of an entry that has inflated `entryBytes` so far (of at most `max`). */
  spend(bytes: number, entryBytes: number, max: number): void {
    this.inflated += bytes;
    const dense =
      this.inflated > XLSX_RATIO_FROM_BYTES && this.inflated > MAX_XLSX_RATIO * this.compressed;
    if (entryBytes > max || this.inflated > MAX_XLSX_INFLATED_BYTES || dense)
      throw new XlsxTooLarge(`the workbook inflates past its budget (${this.inflated} bytes)`);
  }
}

function metered(entry: ZipEntry, budget: Budget): Readable {
  const max =
    entry.path === "xl/sharedStrings.xml" ? MAX_XLSX_SHARED_STRINGS_BYTES : MAX_XLSX_INFLATED_BYTES;
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      try {
        budget.spend(chunk.length, bytes, max);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
  entry.on("error", (error) => meter.destroy(error));
  meter.on("error", () => entry.unpipe(meter).resume());
  return entry.pipe(meter);
}

function rewritten(xml: Readable, transform: Transform): Readable {
  xml.on("error", (error) => transform.destroy(error));
  return xml.pipe(transform);
}

/** A WorkbookReader whose entries are metered and whose spooled sheets are always removed. */
export class BudgetedWorkbookReader extends Base {
  // The number exceljs knows each worksheet part by, by the part's path in the zip.
  private readonly sheetNumbers = new Map<string, string>();
  // The reader's temporary folder (spooled sheets, the shared strings) while it parses.
  private spool = "";
  private strings: SpilledStrings | undefined;

  // The shared strings go to a file as exceljs parses them ("emit"), and the sheets index that.
  private async spillSharedStrings(entry: Readable): Promise<void> {
    this.strings?.close();
    const strings = new SpilledStrings(path.join(this.spool, "shared-strings.bin"));
    this.strings = strings;
    this.options.sharedStrings = "emit";
    for await (const item of this._parseSharedStrings(entry))
      strings.push((item as { text: unknown }).text);
    this.sharedStrings = strings.asArray();
  }

  // openpyxl names its parts from the package's root (`/xl/worksheets/sheet1.xml`), the Open XML
  // SDK names a first part `sheet.xml`; exceljs matches only `worksheets/sheet<n>.xml` (and
  // otherwise calls the sheet "Sheet1" or never reads it): each worksheet is given such a name.
  private normaliseTargets(): void {
    for (const [index, rel] of (this.workbookRels ?? []).entries()) {
      if (rel.Target?.startsWith("/xl/")) rel.Target = rel.Target.slice("/xl/".length);
      const part = /^worksheets\/[^/]+\.xml$/.exec(rel.Target ?? "")?.[0];
      if (!part || !rel.Type?.endsWith("/worksheet")) continue;
      const sheetNo = /^worksheets\/sheet(\d+)\.xml$/.exec(part)?.[1] ?? String(100_000 + index);
      this.sheetNumbers.set(`xl/${part}`, sheetNo);
      rel.Target = `worksheets/sheet${sheetNo}.xml`;
    }
  }

  // A worksheet part's number: as its relationships name it, or as its own name says until
  // they are read.
  private sheetNumber(part: string): string | undefined {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) return undefined;
    if (this.workbookRels) return this.sheetNumbers.get(part);
    return /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(part)?.[1] ?? "";
  }

  private sheetXml(xml: Readable): Readable {
    const date1904 = () => this.properties?.model?.date1904 === true;
    return rewritten(rewritten(xml, unprefixed()), sheetXml(date1904));
  }

  async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const budget = new Budget();
    const zip = unzipper.Parse({ forceStream: true }) as Duplex;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        budget.compressed += chunk.length;
        done(null, chunk);
      },
    });
    // A zip that breaks mid-entry fails the zip stream, not the entry: pass it to the reader.
    let current: Readable | undefined;
    zip.on("error", (error) => current?.destroy(error));
    this.input.on("error", (error) => zip.destroy(error));
    this.input.pipe(counting).pipe(zip);
    const spool = await mkdtemp(path.join(tmpdir(), "spm-xlsx-"));
    this.spool = spool;
    const waiting: { part: string; file: string }[] = [];
    let stylesRead = false;
    try {
      for await (const entry of zip as AsyncIterable<ZipEntry>) {
        const stream = metered(entry, budget);
        current = stream;
        const sheetNo = this.sheetNumber(entry.path);
        if (entry.path === "xl/_rels/workbook.xml.rels") {
          await this._parseRels(stream);
          this.normaliseTargets();
        } else if (entry.path === "xl/workbook.xml")
          await this._parseWorkbook(rewritten(rewritten(stream, unprefixed()), workbookXml()));
        else if (entry.path === "xl/styles.xml") {
          await this._parseStyles(rewritten(stream, unprefixed()));
          stylesRead = true;
        } else if (entry.path === "xl/sharedStrings.xml")
          await this.spillSharedStrings(rewritten(stream, unprefixed()));
        else if (
          sheetNo !== undefined &&
          this.sharedStrings &&
          this.workbookRels &&
          this.model &&
          stylesRead
        )
          yield* this._parseWorksheet(this.sheetXml(stream), sheetNo) as Generator<never>;
        else if (sheetNo !== undefined) {
          // The shared strings, the sheet names or the number formats come later in the zip
          // (exceljs would name the sheet wrongly or read dates as numbers): keep it until then.
          const file = path.join(spool, `sheet-${waiting.length}.xml`);
          await pipeline(stream, createWriteStream(file));
          waiting.push({ part: entry.path, file });
        }
        // What nobody read is still inflated (and counted) to reach the next entry.
        stream.resume();
        await finished(stream);
      }
      for (const { part, file } of waiting) {
        const sheetNo = this.sheetNumber(part);
        if (sheetNo === undefined) continue;
        const xml = this.sheetXml(createReadStream(file));
        yield* this._parseWorksheet(xml, sheetNo) as Generator<never>;
      }
    } finally {
      this.strings?.close();
      await rm(spool, { recursive: true, force: true });
    }
  }
}
