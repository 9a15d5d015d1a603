import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "kpi", environment: "node", include: ["src/**/*.test.ts"] },
});
