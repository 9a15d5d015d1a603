// The API's memory budget is one number (scripts/lib/heap.mjs) that every way of starting the API
// uses: `npm start`, the tests and benchmarks (tests/processes.ts), and the compose image.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_HEAP_MB, withApiHeap } from "../../scripts/lib/heap.mjs";
import { ROOT } from "../processes";

describe("the API's heap budget", () => {
  it("adds the budget to NODE_OPTIONS, keeping other options and replacing an earlier budget", () => {
    expect(withApiHeap({}).NODE_OPTIONS).toBe(`--max-old-space-size=${API_HEAP_MB}`);
    expect(
      withApiHeap({ NODE_OPTIONS: "--enable-source-maps --max-old-space-size=4096" }).NODE_OPTIONS,
    ).toBe(`--enable-source-maps --max-old-space-size=${API_HEAP_MB}`);
    expect(withApiHeap({ API_HEAP_MB: "256" }).NODE_OPTIONS).toBe("--max-old-space-size=256");
  });

  it("refuses a budget that is not a whole number of MiB or too small to run the API", () => {
    expect(() => withApiHeap({ API_HEAP_MB: "lots" })).toThrow(/API_HEAP_MB/);
    expect(() => withApiHeap({ API_HEAP_MB: "16" })).toThrow(/>= 64/);
  });

  it("is the one the compose image's API stage sets", () => {
    const dockerfile = readFileSync(path.join(ROOT, "infra/compose/Dockerfile"), "utf8");
    const api = dockerfile.slice(dockerfile.indexOf("AS api"), dockerfile.indexOf("AS worker"));
    expect(api).toContain(`NODE_OPTIONS=--max-old-space-size=${API_HEAP_MB}`);
  });

  it("is what `npm start` gives the API", () => {
    const start = readFileSync(path.join(ROOT, "scripts/start.mjs"), "utf8");
    expect(start).toMatch(/startChild\("api", [^\n]*withApiHeap\(env\)\)/);
  });
});
