import { describe, expect, it } from "vitest";
import { rowErrorMessage } from "./row-message";

const stored = {
  field: "row",
  code: "duplicate_row",
  message:
    "Row 9 later in the file gives the same indicator, period and region; that later row is used.",
  params: { row: 9 },
};

describe("rowErrorMessage", () => {
  it("renders a stored code and its parameters in each language", () => {
    expect(rowErrorMessage(stored, "en")).toBe(stored.message);
    const ru = rowErrorMessage(stored, "ru");
    const kk = rowErrorMessage(stored, "kk");
    for (const text of [ru, kk]) {
      expect(text).not.toBe(stored.message);
      expect(text).toContain("9");
      expect(text).not.toMatch(/[A-Za-z]{4,}/);
    }
  });

  it("keeps the stored message for a code it does not know", () => {
    expect(rowErrorMessage({ ...stored, code: "from_a_newer_build" }, "ru")).toBe(stored.message);
  });
});
