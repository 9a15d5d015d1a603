import { describe, expect, it } from "vitest";
import { csvField, neutraliseCell } from "./cells";

describe("cells the system writes", () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
  ])("neutralises %j", (text, shown) => {
    expect(neutraliseCell(text)).toBe(shown);
  });

  it.each(["-5", "+3.5", "92,5", "-1 000", "12%", "HQ_READINESS", "", "a=b"])(
    "keeps %j as it is",
    (text) => {
      expect(neutraliseCell(text)).toBe(text);
    },
  );

  it("quotes what needs quoting after neutralising", () => {
    expect(csvField('=1,"x"')).toBe(`"'=1,""x"""`);
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
  });
});
