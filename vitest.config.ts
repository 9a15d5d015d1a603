import { defineConfig } from "vitest/config";

// One run over every workspace's tests; each project has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      "packages/kpi",
      "packages/db",
      "packages/services",
      "apps/ingest",
      "apps/web",
      "tests",
    ],
  },
});
