import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { expectOpened, parseBytes, workbookBytes } from "./test-support";
import { reorderZip } from "./test-zip";

const MB = 1024 * 1024;
const ROWS = 8_000;
const NOTE_CHARS = 2_000;

// A full collection on demand, to weigh what the reader holds rather than its garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** The i-th row's note: pseudo-random letters (mulberry32), which a zip cannot shrink much. */
function note(i: number): string {
  let seed = i + 1;
  return Array.from({ length: NOTE_CHARS }, () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return String.fromCharCode(97 + (((t ^ (t >>> 14)) >>> 0) % 26));
  }).join("");
}

describe("a workbook's shared strings", () => {
  test("16 MB of them are kept out of the heap while the sheet is read, and read back whole", async () => {
    const bytes = await workbookBytes((book) => {
      const sheet = book.addWorksheet("data");
      sheet.addRow(["indicator", "period", "region", "value", "flag", "note"]);
      for (let i = 0; i < ROWS; i++) sheet.addRow(["CASES", 2018, "KZ-ALA", i, "", note(i)]);
    });
    // As Excel orders the zip: the sheet first (spooled), then the shared strings.
    const excelOrder = reorderZip(bytes, (names) => [
      ...names.filter((n) => n.startsWith("xl/worksheets/")),
      ...names.filter((n) => !n.startsWith("xl/worksheets/")),
    ]);
    const helds: number[] = [];
    for (const file of [bytes, excelOrder]) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const upload = expectOpened(await parseBytes(file, "notes.xlsx"));
      let held = 0;
      let count = 0;
      const wrong: number[] = [];
      for await (const row of upload.rows) {
        if ("error" in row) throw new Error(JSON.stringify(row));
        const i = Number(row.raw.value);
        if (row.raw.note !== note(i) && wrong.length < 5) wrong.push(i);
        count++;
        if (count === ROWS / 2) {
          gc();
          held = process.memoryUsage().heapUsed - before;
        }
      }
      expect({ count, wrong }).toEqual({ count: ROWS, wrong: [] });
      helds.push(Math.round(held / MB));
    }
    // The strings alone are 16 MB: held in the heap, 22 MB showed here (the reader and its
    // buffers 6–8 MB).
    expect(helds.filter((mb) => mb >= 12)).toEqual([]);
  }, 120_000);
});
