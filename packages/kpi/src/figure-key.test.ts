import { describe, expect, it } from "vitest";
import { figureKeyOf } from "./figure-key";
import { indexPrograms } from "./program-index";
import { SYNTHETIC_PROGRAM } from "./test-fixtures";

const built = indexPrograms([SYNTHETIC_PROGRAM]);
if (!built.ok) throw new Error("fixture");
const index = built.index;

describe("figureKeyOf", () => {
  it.each([
    [{ indicator: "pct_up", period: "2019", region: "" }, "PCT_UP||2019"],
    [{ indicator: " PCT_UP ", period: 2019, region: null }, "PCT_UP||2019"],
    [{ indicator: "PCT_UP", period: "2019-Q1", region: "kz-ala" }, "PCT_UP|KZ-ALA|2019Q1"],
    [{ indicator: "PCT_UP", period: "2019-03", region: "KZ" }, "PCT_UP||201903"],
    [{ indicator: "PCT_UP", period: "2019Q5", region: "" }, null],
    [{ indicator: "", period: "2019", region: "" }, null],
    [{ indicator: "NOPE", period: "2019", region: "KZ" }, "NOPE||2019"],
  ])("%j → %s", (raw, expected) => {
    expect(figureKeyOf(raw, index)).toBe(expected);
  });
});
