import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// Component and library tests of the dashboard: pure logic (formatting, catalogues, filters).
export default defineProject({
  resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: { name: "web", environment: "node", include: ["src/**/*.test.ts"] },
});
