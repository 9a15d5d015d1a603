import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { parseUpload } from "./index";

const ROWS = 200_000;
const MB = 1024 * 1024;

// Produced chunk by chunk, so the file (about 64 MB) is never whole in memory here; its rows
// held in memory would take well over the bound below.
const NOTE = "Примечание: данные уточнены по итогам сверки с территориальными органами. ".repeat(2);
function* generatedCsv(): Generator<Buffer> {
  yield Buffer.from("\uFEFFindicator;period;region;value;flag;note;source\r\n");
  let lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`IND_${i % 97};${2018 + (i % 5)};KZ-ALA;${i},5;;${NOTE}${i};МВД`);
    if (lines.length === 1000) {
      yield Buffer.from(`${lines.join("\r\n")}\r\n`);
      lines = [];
    }
  }
}

test("a 200,000-row CSV is read as a stream with flat memory", async () => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const parsed = await parseUpload({ stream: Readable.from(generatedCsv()), filename: "big.csv" });
  if (!parsed.ok) throw new Error(parsed.error.code);
  let count = 0;
  let last = 0;
  let errors = 0;
  for await (const item of parsed.rows) {
    count++;
    last = item.row;
    if ("error" in item) errors++;
    if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  expect({ count, last, errors, encoding: parsed.encoding }).toEqual({
    count: ROWS,
    last: ROWS + 1,
    errors: 0,
    encoding: "utf-8",
  });
  // A correctness bound, not a benchmark: buffering the file would show as growth with its size.
  expect((peak - before) / MB).toBeLessThan(100);
});
