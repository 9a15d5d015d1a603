import { describe, expect, it } from "vitest";
import { programCodeOf } from "./program-file";

describe("programCodeOf", () => {
  it.each([
    ["a YAML file's top-level code", "name: x\ncode: KZ-SP-1\n", false, "KZ-SP-1"],
    ["a quoted code with a comment", 'code: "KZ-SP-2"  # the programme\n', false, "KZ-SP-2"],
    ["not an indicator's code", "indicators:\n  - code: HQ\n", false, undefined],
    ["a JSON file's code", '{"name": {}, "code": "KZ-SP-3"}', true, "KZ-SP-3"],
    ["JSON saved as .yaml", '{"code": "KZ-SP-4"}', false, "KZ-SP-4"],
    ["broken JSON", '{"code": ', true, undefined],
    ["a code that is not text", '{"code": 7}', true, undefined],
  ])("reads %s", (_what, text, json, code) => {
    expect(programCodeOf(text, json)).toBe(code);
  });
});
