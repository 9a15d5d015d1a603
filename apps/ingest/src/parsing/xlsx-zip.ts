/**
 * exceljs's streaming workbook reader with a budget on what the zip inflates to. Its own `parse`
 * (exceljs 4.4.0, pinned) inflates entries without limit and spools early sheets to temporary
 * files it keeps when reading stops early; this one counts every inflated byte of every entry
 * against MAX_XLSX_* (limits.ts) and spools into a folder of its own, removed however it ends.
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
import { sheetXml, workbookXml } from "./xlsx-sheet-xml";

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
  sharedStrings?: unknown[];
  workbookRels?: { Target?: string }[];
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
  // openpyxl names its parts from the package's root (`/xl/worksheets/sheet1.xml`); exceljs
  // matches only `worksheets/sheet1.xml` and then calls the sheet "Sheet1" whatever its name.
  private relativeTargets(): void {
    for (const rel of this.workbookRels ?? []) {
      if (rel.Target?.startsWith("/xl/")) rel.Target = rel.Target.slice("/xl/".length);
    }
  }

  private sheetXml(xml: Readable): Readable {
    return rewritten(
      xml,
      sheetXml(() => this.properties?.model?.date1904 === true),
    );
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
    const waiting: { sheetNo: string; file: string }[] = [];
    let stylesRead = false;
    try {
      for await (const entry of zip as AsyncIterable<ZipEntry>) {
        const stream = metered(entry, budget);
        current = stream;
        const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path)?.[1];
        if (entry.path === "xl/_rels/workbook.xml.rels") {
          await this._parseRels(stream);
          this.relativeTargets();
        } else if (entry.path === "xl/workbook.xml")
          await this._parseWorkbook(rewritten(stream, workbookXml()));
        else if (entry.path === "xl/styles.xml") {
          await this._parseStyles(stream);
          stylesRead = true;
        } else if (entry.path === "xl/sharedStrings.xml")
          yield* this._parseSharedStrings(stream) as AsyncGenerator<never>;
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
          const file = path.join(spool, `sheet${sheetNo}-${waiting.length}.xml`);
          await pipeline(stream, createWriteStream(file));
          waiting.push({ sheetNo, file });
        }
        // What nobody read is still inflated (and counted) to reach the next entry.
        stream.resume();
        await finished(stream);
      }
      for (const { sheetNo, file } of waiting)
        yield* this._parseWorksheet(
          this.sheetXml(createReadStream(file)),
          sheetNo,
        ) as Generator<never>;
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  }
}
