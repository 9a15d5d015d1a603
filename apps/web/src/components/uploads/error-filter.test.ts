import { describe, expect, it } from "vitest";
import { choicesOf, filterErrors, type RowError } from "./error-filter";

const errors: RowError[] = [
  { row: 2, field: "value", code: "value_not_a_number", message: "" },
  { row: 3, field: "region", code: "unknown_region", message: "" },
  { row: 4, field: "value", code: "value_out_of_range", message: "" },
  { row: 5, field: "value", code: "value_not_a_number", message: "" },
];

describe("the upload report's error filters", () => {
  it("offers each kind and field once, sorted", () => {
    expect(choicesOf(errors, "field")).toEqual(["region", "value"]);
    expect(choicesOf(errors, "code")).toEqual([
      "unknown_region",
      "value_not_a_number",
      "value_out_of_range",
    ]);
  });

  it.each([
    [{ code: "", field: "" }, [2, 3, 4, 5]],
    [{ code: "value_not_a_number", field: "" }, [2, 5]],
    [{ code: "", field: "value" }, [2, 4, 5]],
    [{ code: "unknown_region", field: "value" }, []],
  ])("%j keeps rows %j", (filter, rows) => {
    expect(filterErrors(errors, filter).map((e) => e.row)).toEqual(rows);
  });
});
