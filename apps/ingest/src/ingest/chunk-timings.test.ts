import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { chunkTimingLog } from "./chunk-timings";

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger("worker", level, out) };
}

const chunk = (totalMs: number) => ({
  rows: 2000,
  claimMs: 1,
  checkMs: 2,
  applyMs: totalMs - 5,
  recordMs: 2,
  totalMs,
});

describe("chunkTimingLog", () => {
  it("logs each chunk at debug and one summary of the upload's chunks at info", async () => {
    const { lines, logger } = capture("debug");
    const log = chunkTimingLog(logger, "u1");
    for (const ms of [10, 20, 30, 40]) log(chunk(ms), 0);
    log(null, 7.25);
    await new Promise((r) => setImmediate(r));
    expect(lines.filter((l) => l.msg === "upload chunk")).toHaveLength(4);
    const summary = lines.find((l) => l.msg === "upload chunks timed");
    expect(summary?.chunkTimings).toEqual({
      uploadId: "u1",
      chunks: 4,
      rows: 8000,
      claimMs: 4,
      checkMs: 8,
      applyMs: 80,
      recordMs: 8,
      chunksMs: 100,
      chunkP50Ms: 20,
      chunkP95Ms: 40,
      chunkMaxMs: 40,
      statusChangesMs: 7.3,
    });
  });

  it("keeps the chunks out of an info log", async () => {
    const { lines, logger } = capture("info");
    const log = chunkTimingLog(logger, "u2");
    log(chunk(10), 0);
    log(null, 1);
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => l.msg)).toEqual(["upload chunks timed"]);
  });
});
