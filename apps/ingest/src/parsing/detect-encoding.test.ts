import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { createUtf8Stream, detectEncoding, isUtf8 } from "./detect-encoding";

const CYRILLIC = "Примечание: данные МВД, ёлка";

async function decodeAll(bytes: Buffer, chunkSize: number) {
  const guess = detectEncoding(bytes.subarray(0, 64));
  if (!guess) throw new Error("binary");
  const utf8 = createUtf8Stream(guess);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  for await (const part of Readable.from(chunks, { objectMode: false }).pipe(utf8)) out.push(part);
  return { text: Buffer.concat(out).toString("utf8"), encoding: utf8.sourceEncoding };
}

describe("detectEncoding", () => {
  test.each([
    ["UTF-8 with BOM", Buffer.from(`\uFEFF${CYRILLIC}`), "utf-8", true, true],
    ["UTF-8 without BOM", Buffer.from(CYRILLIC), "utf-8", false, true],
    ["ASCII only (undecided)", Buffer.from("indicator,period"), "utf-8", false, false],
    ["Windows-1251", iconv.encode(CYRILLIC, "win1251"), "windows-1251", false, true],
    [
      "UTF-16LE with BOM",
      iconv.encode(CYRILLIC, "utf-16le", { addBOM: true }),
      "utf-16le",
      true,
      true,
    ],
    [
      "UTF-16BE with BOM",
      iconv.encode(CYRILLIC, "utf-16be", { addBOM: true }),
      "utf-16be",
      true,
      true,
    ],
    [
      "UTF-16LE without BOM",
      iconv.encode("indicator\tperiod", "utf-16le"),
      "utf-16le",
      false,
      true,
    ],
    [
      "UTF-16BE without BOM",
      iconv.encode("indicator\tperiod", "utf-16be"),
      "utf-16be",
      false,
      true,
    ],
    ["UTF-16LE Cyrillic without BOM", iconv.encode(CYRILLIC, "utf-16le"), "utf-16le", false, true],
  ] as const)("%s", (_, bytes, encoding, bom, settled) => {
    expect(detectEncoding(bytes)).toEqual({ encoding, bom, settled });
  });

  test("binary bytes with NULs that are no UTF-16 are not text", () => {
    expect(
      detectEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48])),
    ).toBeNull();
  });

  test("a UTF-8 sequence cut at the end of the sample still counts as UTF-8", () => {
    const bytes = Buffer.from("значение");
    expect(isUtf8(bytes.subarray(0, 3), true)).toBe(true);
    expect(isUtf8(bytes.subarray(0, 3), false)).toBe(false);
    expect(isUtf8(iconv.encode("значение", "win1251"))).toBe(false);
  });
});

describe("createUtf8Stream", () => {
  test.each([1, 3, 4096])(
    "decides late when Windows-1251 Cyrillic follows ASCII (chunks of %i)",
    async (size) => {
      const bytes = iconv.encode(`${"a,b\n".repeat(100)}x,${CYRILLIC}\n`, "win1251");
      const { text, encoding } = await decodeAll(bytes, size);
      expect(encoding).toBe("windows-1251");
      expect(text.endsWith(`x,${CYRILLIC}\n`)).toBe(true);
    },
  );

  test.each([1, 2, 4096])(
    "decides late for UTF-8 too, across chunk boundaries (chunks of %i)",
    async (size) => {
      const bytes = Buffer.from(`${"a,b\n".repeat(100)}x,${CYRILLIC}\n`);
      const { text, encoding } = await decodeAll(bytes, size);
      expect(encoding).toBe("utf-8");
      expect(text.endsWith(`x,${CYRILLIC}\n`)).toBe(true);
    },
  );

  test("a lone Windows-1251 letter at the very end is not taken for a cut UTF-8 sequence", async () => {
    const bytes = iconv.encode(`${"a,b\n".repeat(20)}Ж`, "win1251");
    expect(await decodeAll(bytes, 1)).toEqual({
      text: `${"a,b\n".repeat(20)}Ж`,
      encoding: "windows-1251",
    });
  });

  test.each([1, 2, 4096])("the BOM is dropped (chunks of %i)", async (size) => {
    expect((await decodeAll(iconv.encode("a\tб", "utf-16le", { addBOM: true }), size)).text).toBe(
      "a\tб",
    );
    expect((await decodeAll(Buffer.from("\uFEFFa,б"), size)).text).toBe("a,б");
  });

  test("UTF-8 passes through as the very same bytes", async () => {
    const bytes = Buffer.from(`a,${CYRILLIC}\n`.repeat(50));
    expect(await decodeAll(bytes, 4096)).toEqual({
      text: bytes.toString("utf8"),
      encoding: "utf-8",
    });
  });
});
