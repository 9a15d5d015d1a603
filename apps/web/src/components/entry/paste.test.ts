import { describe, expect, it } from "vitest";
import { pastedColumn } from "./paste";

describe("pastedColumn", () => {
  it.each([
    ["one value", "92,5", ["92,5"]],
    ["Excel's column (CRLF, trailing line break)", "92,5\r\n700 000\r\n\r\n", ["92,5", "700 000"]],
    ["LibreOffice's (LF)", "1\n2\n3\n", ["1", "2", "3"]],
    ["a block: its first column", "1\tx\n2\ty\n", ["1", "2"]],
    ["an empty cell keeps its row", "1\n\n3", ["1", "", "3"]],
    ["old Mac line breaks", "4\r5\r", ["4", "5"]],
    ["nothing", "", []],
  ])("%s", (_name, text, expected) => {
    expect(pastedColumn(text)).toEqual(expected);
  });
});
