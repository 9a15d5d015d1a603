// The API's memory budget is one rule (scripts/lib/heap.mjs) that every way of starting the API
// uses: `npm start`, the tests and benchmarks (tests/processes.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withApiHeap } from "../../scripts/lib/heap.mjs";
import { ROOT } from "../processes";

describe("the API's heap budget", () => {
  it("is what API_HEAP_MB says, added to NODE_OPTIONS replacing an earlier one; none when unset", () => {
    expect(withApiHeap({ NODE_OPTIONS: "--enable-source-maps" })).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
    });
    expect(withApiHeap({ API_HEAP_MB: "" })).toEqual({ API_HEAP_MB: "" });
    expect(withApiHeap({ API_HEAP_MB: "128" }).NODE_OPTIONS).toBe("--max-old-space-size=128");
    expect(
      withApiHeap({
        API_HEAP_MB: "160",
        NODE_OPTIONS: "--enable-source-maps --max-old-space-size=4096",
      }).NODE_OPTIONS,
    ).toBe("--enable-source-maps --max-old-space-size=160");
    expect(withApiHeap({ API_HEAP_MB: "256" }).NODE_OPTIONS).toBe("--max-old-space-size=256");
  });

  it("is none with API_HEAP_MB=0: V8 decides, the options given are kept as they are", () => {
    const env = { API_HEAP_MB: "0", NODE_OPTIONS: "--max-old-space-size=4096" };
    expect(withApiHeap(env)).toEqual(env);
  });

  it("refuses a budget that is not a whole number of MiB or too small to run the API", () => {
    expect(() => withApiHeap({ API_HEAP_MB: "lots" })).toThrow(/API_HEAP_MB/);
    expect(() => withApiHeap({ API_HEAP_MB: "16" })).toThrow(/>= 64/);
    expect(() => withApiHeap({ API_HEAP_MB: "-1" })).toThrow(/API_HEAP_MB/);
  });

  it("is not spent on modules the API seldom needs: playwright-core is loaded to render a PDF", () => {
    // About 34 MB of heap at start when imported statically (apps/ingest/src/reports/renderer.ts).
    const renderer = readFileSync(path.join(ROOT, "apps/ingest/src/reports/renderer.ts"), "utf8");
    expect(renderer).not.toMatch(/^import [^;]*from "playwright-core"/m);
    expect(renderer).toMatch(/await import\("playwright-core"\)/);
  });

  it("is what `npm start` gives the API", () => {
    const start = readFileSync(path.join(ROOT, "scripts/start.mjs"), "utf8");
    expect(start).toMatch(/startChild\("api", [^\n]*withApiHeap\(env\)\)/);
  });
});
