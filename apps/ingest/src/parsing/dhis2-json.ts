/**
 * DHIS2 data value sets in JSON (`{"dataSet", "period", "orgUnit", "dataValues": [...]}`), read
 * token by token (stream-json) so memory stays flat: the set's own period, org unit and attribute
 * combo, written before `dataValues` as DHIS2 does, fill values that lack them.
 */
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { getManyValues, isMany, none } from "stream-chain/core";
import { jsonParser, type parser } from "stream-json/parser.js";
import { dataValueRow, SET_DEFAULTS, type SetDefaults } from "./dhis2-rows";
import { fileError, UploadFileError } from "./errors";
import { MAX_COLUMNS, MAX_RECORD_CHARS } from "./limits";
import type { CodeAliases, ParsedRow, ParseUploadResult } from "./types";

// A data value set nests three deep (set, array, value); deeper is not one.
const PARSER_OPTIONS = { streamValues: false, maxDepth: 16, maxPackedLength: MAX_RECORD_CHARS };
type Scalar = string | boolean | null;
type Token = parser.Token;

/** Opens a DHIS2 JSON upload: reads up to its `dataValues` array, or returns the file error. */
export async function parseDhis2Json(
  source: Readable,
  options: { aliases?: CodeAliases | undefined },
): Promise<ParseUploadResult> {
  const tokens = new Tokens(source);
  const defaults: SetDefaults = {};
  try {
    if ((await tokens.next()).name !== "startObject") return notASet(tokens);
    let found = false;
    for (let token = await tokens.next(); token.name !== "endObject"; token = await tokens.next()) {
      if (token.name !== "keyValue") throw new Error("a key is expected");
      const name = token.value;
      if (name === "dataValues") {
        if ((await tokens.next()).name !== "startArray") return notASet(tokens);
        found = true;
        break;
      }
      const value = await tokens.readScalar();
      const key = SET_DEFAULTS.find((field) => field === name);
      if (key && typeof value === "string") defaults[key] = value;
    }
    if (!found) return notASet(tokens);
  } catch (error) {
    tokens.close();
    if (error instanceof UploadFileError) return { ok: false, error: error.error };
    return { ok: false, error: fileError("file_unreadable") };
  }
  return {
    ok: true,
    format: "dhis2-json",
    encoding: "utf-8",
    warnings: [],
    skipped: { blank: 0 },
    rows: readValues(tokens, defaults, options.aliases),
  };
}

function notASet(tokens: Tokens): ParseUploadResult {
  tokens.close();
  return { ok: false, error: fileError("not_a_data_value_set") };
}

async function* readValues(
  tokens: Tokens,
  defaults: SetDefaults,
  aliases: CodeAliases | undefined,
): AsyncGenerator<ParsedRow> {
  let row = 0;
  // The value being read when the text breaks: the next one between values.
  let at = 1;
  try {
    for (let token = await tokens.next(); token.name !== "endArray"; token = await tokens.next()) {
      row++;
      const value = token.name === "startObject" ? await tokens.readFlatObject() : null;
      if (token.name !== "startObject") await tokens.skip(token);
      yield value ? toRow(row, value, defaults, aliases) : malformed(row);
      at = row + 1;
    }
    // The rest of the set (keys after `dataValues`) is read through, unused.
    for (let token = await tokens.next(); token.name !== "endObject"; token = await tokens.next()) {
      await tokens.readScalar();
    }
    await tokens.end();
  } catch (error) {
    if (error instanceof UploadFileError) throw error;
    throw new UploadFileError(fileError("data_values_unreadable", { row: at }));
  } finally {
    tokens.close();
  }
}

function toRow(
  row: number,
  value: Map<string, Scalar>,
  defaults: SetDefaults,
  aliases: CodeAliases | undefined,
): ParsedRow {
  const field = (key: string) => {
    const cell = value.get(key);
    return cell === undefined || cell === null ? undefined : String(cell);
  };
  return dataValueRow(row, field, defaults, aliases);
}

function malformed(row: number): ParsedRow {
  const message = "Each element of dataValues must be an object of plain values.";
  return { row, error: { field: "row", code: "row_malformed", params: {}, message } };
}

// The tokenizer is fed a slice at a time, when its tokens are used up: memory stays bounded,
// and a break in the text loses the tokens of one slice at most (the row is "near").
const SLICE_CHARS = 1024;

// The parser's tokens, pulled one at a time so the header and the rows share one reader.
class Tokens {
  private readonly chunks: AsyncIterator<Buffer | string>;
  private readonly decoder = new StringDecoder("utf8");
  private readonly tokenize = jsonParser(PARSER_OPTIONS);
  private text = "";
  private tokens: Token[] = [];
  private at = 0;
  private started = false;
  private ended = false;

  constructor(private readonly source: Readable) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next token, or null at the end of the text. */
  async pull(): Promise<Token | null> {
    while (this.at >= this.tokens.length) {
      if (this.ended) return null;
      await this.feed();
    }
    const token = this.tokens[this.at++];
    return token ?? null;
  }

  async next(): Promise<Token> {
    const token = await this.pull();
    if (!token) throw new Error("the JSON text ends early");
    return token;
  }

  private async feed(): Promise<void> {
    while (this.text.length < SLICE_CHARS) {
      const chunk = await this.chunks.next();
      if (chunk.done) break;
      this.text += typeof chunk.value === "string" ? chunk.value : this.decoder.write(chunk.value);
      if (!this.started) this.text = this.text.replace(/^\uFEFF/, "");
      this.started ||= this.text.length > 0;
    }
    const slice = this.text.slice(0, SLICE_CHARS);
    this.text = this.text.slice(SLICE_CHARS);
    const last = slice === "" ? this.decoder.end() : "";
    this.tokens = [];
    this.at = 0;
    if (slice !== "" || last !== "") this.take(this.tokenize(slice || last));
    if (slice === "" && last === "") {
      this.ended = true;
      // A flushable stage is flushed with `none` (stream-chain); its type names text input only.
      this.take((this.tokenize as (input: string | typeof none) => unknown)(none));
    }
  }

  private take(out: unknown): void {
    if (isMany(out)) this.tokens.push(...(getManyValues(out) as Token[]));
    else if (out !== none && out !== undefined) this.tokens.push(out as Token);
  }

  /** Reads the value after a key: a scalar, or null for an object or array (read through). */
  async readScalar(): Promise<Scalar> {
    const token = await this.next();
    if (token.name === "stringValue" || token.name === "numberValue") return token.value;
    if (token.name === "trueValue" || token.name === "falseValue") return token.value;
    await this.skip(token);
    return null;
  }

  /** Reads an object of scalars; null when a value is an object or array or it has too many keys. */
  async readFlatObject(): Promise<Map<string, Scalar> | null> {
    const out = new Map<string, Scalar>();
    let flat = true;
    for (let token = await this.next(); token.name !== "endObject"; token = await this.next()) {
      if (token.name !== "keyValue") throw new Error("a key is expected");
      const value = await this.next();
      if (value.name === "startObject" || value.name === "startArray") {
        flat = false;
        await this.skip(value);
      } else if (flat && out.size < MAX_COLUMNS && "value" in value) {
        out.set(token.value, value.value as Scalar);
      } else {
        flat = false;
      }
    }
    return flat ? out : null;
  }

  /** Reads through the value a token starts (nothing more for a scalar). */
  async skip(first: Token): Promise<void> {
    let depth = first.name === "startObject" || first.name === "startArray" ? 1 : 0;
    while (depth > 0) {
      const token = await this.next();
      if (token.name === "startObject" || token.name === "startArray") depth++;
      else if (token.name === "endObject" || token.name === "endArray") depth--;
    }
  }

  /** Checks that nothing but white space follows the set. */
  async end(): Promise<void> {
    if (await this.pull()) throw new Error("text after the data value set");
  }

  close(): void {
    this.source.destroy();
  }
}
