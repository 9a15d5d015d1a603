// The /api forwarder reaches /api/v1 routes of the ingest API and nothing else of it (Bull Board,
// /metrics, /readyz sit beside them), however the path is spelled; the queue board's forwarder
// reaches the board only.
import { describe, expect, it } from "vitest";
import { apiPath, queueBoardPath } from "./forward";

const API = "http://127.0.0.1:4000";

/** Where the forwarder would send a request for these (decoded) segments, or its refusal. */
function reached(segments: string[]): string {
  const path = apiPath(segments);
  return path.startsWith("/") ? new URL(path, API).pathname : path;
}

describe("the /api forwarder's paths", () => {
  it.each([
    [["..", "admin", "queues"]],
    [["v1", "..", "..", "metrics"]],
    [["v1", ".", "uploads"]],
    [["v1", "..%2f..%2fmetrics"]],
    [["v1", "%2e%2e", "readyz"]],
    [["v1", "%2E%2E", "readyz"]],
    [["v1", "a\\..\\..", "metrics"]],
    [["v1", "a/../../metrics"]],
    [["v1", "", "uploads"]],
  ])("refuses %j", (segments) => {
    expect(reached(segments)).toBe("path_invalid");
  });

  it.each([[["metrics"]], [["v2", "uploads"]], [["v1"]], [["readyz"]]])(
    "reaches no route outside /api/v1: %j",
    (segments) => {
      expect(reached(segments)).toBe("not_api_v1");
    },
  );

  it("forwards an /api/v1 route with its segments encoded", () => {
    expect(reached(["v1", "indicators", "A B", "history"])).toBe(
      "/api/v1/indicators/A%20B/history",
    );
  });
});

describe("the queue board's paths", () => {
  it.each([
    [["..", "metrics"]],
    [["%2e%2e", "readyz"]],
    [["static", "..", "..", "metrics"]],
    [["a/../.."]],
  ])("refuses %j", (segments) => {
    expect(queueBoardPath(segments)).toBe("path_invalid");
  });

  it("stays under /admin/queues", () => {
    expect(queueBoardPath([])).toBe("/admin/queues");
    expect(queueBoardPath(["static", "js", "main.js"])).toBe("/admin/queues/static/js/main.js");
    expect(new URL(queueBoardPath(["api", "queues"]), API).pathname).toBe(
      "/admin/queues/api/queues",
    );
  });
});
