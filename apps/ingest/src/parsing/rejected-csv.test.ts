// rejected.csv gives the steward's rows back: a cell that a spreadsheet would run is shown as
// text, and the figures stay figures (issue 13, finding 9).
import { describe, expect, it } from "vitest";
import { buildRejectedCsv } from "./rejected-csv";

describe("rejected.csv", () => {
  it("neutralises cells starting with =, +, -, @, TAB or CR", () => {
    const raw = {
      indicator: '=HYPERLINK("http://evil.example","x")',
      period: "+2018",
      region: "@SUM(1+1)*cmd|' /C calc'!A0",
      value: "-5",
      flag: "\t=1",
      note: "\r=2",
      source: "-1+1",
    };
    const csv = buildRejectedCsv([{ row: 2, raw, field: "indicator", code: "x", message: "bad" }]);
    const line = csv.split("\r\n")[1] ?? "";
    expect(line).toBe(
      [
        `"'=HYPERLINK(""http://evil.example"",""x"")"`,
        "+2018",
        `'@SUM(1+1)*cmd|' /C calc'!A0`,
        "-5",
        `"'\t=1"`,
        `"'\r=2"`,
        "'-1+1",
        "2",
        "indicator: bad [x]",
      ].join(","),
    );
  });
});
