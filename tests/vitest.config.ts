import { defineProject } from "vitest/config";

// System and browser tests: the apps run as real processes (global-setup.ts) on free ports.
export default defineProject({
  test: {
    name: "system",
    environment: "node",
    include: ["e2e/**/*.test.ts", "system/**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
