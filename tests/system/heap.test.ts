// The API's memory budget is one rule (scripts/lib/heap.mjs) that every way of starting the API
// uses: `npm start`, the tests and benchmarks (tests/processes.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withApiHeap } from "../../scripts/lib/heap.mjs";
import { ROOT } from "../processes";

describe("the API's heap budget", () => {
  it("is none unless API_HEAP_MB is set, then added to NODE_OPTIONS replacing an earlier one", () => {
    expect(withApiHeap({ NODE_OPTIONS: "--enable-source-maps" })).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
    });
    expect(
      withApiHeap({
        API_HEAP_MB: "160",
        NODE_OPTIONS: "--enable-source-maps --max-old-space-size=4096",
      }).NODE_OPTIONS,
    ).toBe("--enable-source-maps --max-old-space-size=160");
    expect(withApiHeap({ API_HEAP_MB: "256" }).NODE_OPTIONS).toBe("--max-old-space-size=256");
  });

  it("refuses a budget that is not a whole number of MiB or too small to run the API", () => {
    expect(() => withApiHeap({ API_HEAP_MB: "lots" })).toThrow(/API_HEAP_MB/);
    expect(() => withApiHeap({ API_HEAP_MB: "16" })).toThrow(/>= 64/);
  });

  it("is what `npm start` gives the API", () => {
    const start = readFileSync(path.join(ROOT, "scripts/start.mjs"), "utf8");
    expect(start).toMatch(/startChild\("api", [^\n]*withApiHeap\(env\)\)/);
  });
});
