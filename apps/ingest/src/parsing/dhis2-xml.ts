/**
 * DHIS2 data value sets in DXF2 XML (`<dataValueSet period= orgUnit=><dataValue dataElement=
 * value= .../></dataValueSet>`), read as a stream (saxes) a chunk at a time: the set's period,
 * org unit and attribute combo fill values without them. No DTD is accepted (ASVS 5.5.2).
 */
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTag } from "saxes";
import { dataValueRow, SET_DEFAULTS, type SetDefaults } from "./dhis2-rows";
import { fileError, UploadFileError } from "./errors";
import { MAX_COLUMNS, MAX_RECORD_CHARS } from "./limits";
import type { CodeAliases, ParsedRow, ParseUploadResult } from "./types";

type Attributes = Record<string, string>;
/** A `<dataValue>` with, in ADX, the attributes of its `<group>`. */
interface XmlValue {
  value: Attributes;
  group?: Attributes;
}
type XmlKind = "dxf2" | "adx";

/** Opens a DXF2 XML upload: reads up to its root element, or returns the file error. */
export async function parseDhis2Xml(
  source: Readable,
  options: { aliases?: CodeAliases | undefined },
): Promise<ParseUploadResult> {
  const reader = new XmlValues(source);
  let root: Attributes | null;
  try {
    root = await reader.root();
  } catch {
    reader.close();
    return { ok: false, error: fileError("file_unreadable") };
  }
  if (!root) {
    reader.close();
    return { ok: false, error: fileError("not_a_data_value_set") };
  }
  const defaults: SetDefaults = {};
  for (const key of SET_DEFAULTS) if (root[key] !== undefined) defaults[key] = root[key];
  return {
    ok: true,
    format: reader.kind === "adx" ? "adx" : "dhis2-xml",
    encoding: "utf-8",
    warnings: [],
    skipped: { blank: 0 },
    rows: readValues(reader, defaults, options.aliases),
  };
}

async function* readValues(
  reader: XmlValues,
  defaults: SetDefaults,
  aliases: CodeAliases | undefined,
): AsyncGenerator<ParsedRow> {
  let row = 0;
  try {
    for (let value = await reader.next(); value; value = await reader.next()) {
      row++;
      const field = value.group
        ? adxField(value.value, value.group)
        : (name: string) => value.value[name];
      yield dataValueRow(row, field, defaults, aliases);
    }
  } catch (error) {
    if (error instanceof UploadFileError) throw error;
    throw new UploadFileError(fileError("data_values_unreadable", { row: row + 1 }));
  } finally {
    reader.close();
  }
}

// Local names: DHIS2 writes the DXF2 namespace as the default one, others may prefix it.
const localName = (name: string) => name.slice(name.indexOf(":") + 1);

// The parser's `<dataValue>` elements, pulled one at a time; events of a chunk are queued.
class XmlValues {
  private readonly parser = new SaxesParser({ position: false });
  private readonly chunks: AsyncIterator<Buffer | string>;
  private readonly decoder = new StringDecoder("utf8");
  private readonly queue: XmlValue[] = [];
  private group: Attributes | undefined;
  kind: XmlKind | undefined;
  private depth = 0;
  private sinceTag = 0;
  private rootTag: Attributes | null | undefined;
  private ended = false;
  // A break in the text, raised once the values read before it have been taken.
  private failure: unknown = null;

  constructor(private readonly source: Readable) {
    this.chunks = source[Symbol.asyncIterator]();
    this.parser.on("doctype", () => {
      throw new Error("a DTD is not accepted");
    });
    this.parser.on("opentag", (tag) => this.open(tag));
    this.parser.on("closetag", () => {
      this.depth--;
      this.sinceTag = 0;
    });
  }

  private open(tag: SaxesTag): void {
    this.depth++;
    this.sinceTag = 0;
    const name = localName(tag.name);
    if (this.depth === 1) {
      this.kind = name === "dataValueSet" ? "dxf2" : name === "adx" ? "adx" : undefined;
      this.rootTag = this.kind ? attributes(tag) : null;
    } else if (this.kind === "dxf2" && this.depth === 2 && name === "dataValue") {
      this.queue.push({ value: attributes(tag) });
    } else if (this.kind === "adx" && this.depth === 2 && name === "group") {
      this.group = attributes(tag);
    } else if (this.kind === "adx" && this.depth === 3 && name === "dataValue") {
      this.queue.push({ value: attributes(tag), group: this.group ?? {} });
    }
  }

  /** The root element's attributes when it is a `<dataValueSet>` or `<adx>`, else null. */
  async root(): Promise<Attributes | null> {
    while (this.rootTag === undefined && !this.ended) await this.feed();
    if (this.rootTag === undefined && this.failure) throw this.failure;
    return this.rootTag ?? null;
  }

  /** The next value, or null after the last. */
  async next(): Promise<XmlValue | null> {
    while (this.queue.length === 0 && !this.ended) await this.feed();
    if (this.queue.length === 0 && this.failure) throw this.failure;
    return this.queue.shift() ?? null;
  }

  private async feed(): Promise<void> {
    try {
      await this.write();
    } catch (error) {
      this.failure = error;
      this.ended = true;
    }
  }

  private async write(): Promise<void> {
    const chunk = await this.chunks.next();
    if (chunk.done) {
      this.ended = true;
      this.parser.write(this.decoder.end());
      this.parser.close();
      return;
    }
    const text = typeof chunk.value === "string" ? chunk.value : this.decoder.write(chunk.value);
    this.sinceTag += text.length;
    this.parser.write(text);
    // A text or a tag held whole by the parser is bounded like a CSV record.
    if (this.sinceTag > MAX_RECORD_CHARS + text.length) throw new Error("a tag or text too long");
  }

  close(): void {
    this.source.destroy();
  }
}

function attributes(tag: SaxesTag): Attributes {
  const out: Attributes = {};
  const entries = Object.entries(tag.attributes as Record<string, string>);
  for (const [name, value] of entries.slice(0, MAX_COLUMNS)) out[localName(name)] = value;
  return out;
}

// ADX (IHE QRPH): a group gives the org unit and the period (an ISO 8601 interval); other
// attributes are category codes, written as a combo no DHIS2 UID maps (so `unmapped_combo`).
const ADX_GROUP_FIELDS = new Set(["orgUnit", "period", "dataSet", "completeDate", "exported"]);
const ADX_VALUE_FIELDS = new Set(["dataElement", "value"]);

function adxField(value: Attributes, group: Attributes) {
  const combo = (attrs: Attributes, known: Set<string>) =>
    Object.entries(attrs)
      .filter(([name]) => !known.has(name) && name !== "xmlns")
      .map(([name, option]) => `${name}=${option}`)
      .join(";");
  const fields: Attributes = {
    dataElement: value.dataElement ?? "",
    value: value.value ?? "",
    categoryOptionCombo: combo(value, ADX_VALUE_FIELDS),
    attributeOptionCombo: combo(group, ADX_GROUP_FIELDS),
  };
  if (group.orgUnit !== undefined) fields.orgUnit = group.orgUnit;
  if (group.period !== undefined) fields.period = adxPeriod(group.period);
  return (name: string) => fields[name];
}

const INTERVAL = /^([1-9]\d{3})-(\d{2})-(\d{2})\/P(\d+)([YMWD])$/;

/** An ADX period interval as ours (`2018-01-01/P1Y` is 2018, `/P3M` a quarter, `/P1M` a month). */
export function adxPeriod(text: string): string {
  const match = INTERVAL.exec(text.trim());
  if (!match) return text;
  const [, year, month, day, count, unit] = match;
  const m = Number(month);
  if (day !== "01") return text;
  if (unit === "Y" && count === "1" && m === 1) return `${year}`;
  if (unit === "M" && count === "3" && m % 3 === 1) return `${year}Q${(m + 2) / 3}`;
  if (unit === "M" && count === "1") return `${year}${month}`;
  return text;
}
