// `npm test`: the set-up of `npm start` against a separate test database and Redis keyspace,
// then Biome, tsc in every package, the build, and every vitest suite (unit, integration,
// browser). Ends with one line `N passed, N failed` and a non-zero exit on any failure.
// `npm test -- <vitest filters>` (a developer's loop) runs only those tests on the same set-up,
// without Biome, tsc and the build; CI runs `npm test` with no arguments.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import {
  appEnv,
  BIN,
  DATA_DIR,
  ensureDebianPackages,
  ensureDependencies,
  ensureServices,
  localServicesRunning,
  log,
  run,
  spm,
  stopServices,
  withOwner,
} from "./lib/setup.mjs";

const filters = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const failedSteps = [];
function step(name, fn) {
  log(`── ${name}`);
  try {
    fn();
  } catch (error) {
    log(`${name} failed: ${error.message}`);
    failedSteps.push(name);
  }
}

ensureDependencies();
// Browser tests and the API's PDF reports run Debian's Chromium; report tests read PDFs back
// with poppler's pdftotext.
ensureDebianPackages(
  [
    { file: CHROMIUM, pkg: "chromium" },
    { file: "/usr/bin/pdftotext", pkg: "poppler-utils" },
  ],
  { why: "browser and report tests" },
);
const hadServices = localServicesRunning();
const services = ensureServices({ test: true });
const env = appEnv(services, {
  NODE_ENV: "test",
  QUEUE_PREFIX: "spm-test",
  CHROMIUM_PATH: CHROMIUM,
});
let passed = 0;
let failed = 0;
try {
  spm(["migrate"], withOwner(env, services));
  spm(["seed", "--no-admin"], env);
  if (filters.length === 0) {
    step("biome", () => run(path.join(BIN, "biome"), ["check", "."], { env }));
    step("typecheck", () =>
      run(path.join(BIN, "turbo"), ["run", "typecheck", "--output-logs=errors-only"], { env }),
    );
    step("build", () =>
      run(path.join(BIN, "turbo"), ["run", "build", "--output-logs=errors-only"], { env }),
    );
  }
  const report = path.join(DATA_DIR, "vitest-report.json");
  rmSync(report, { force: true });
  step("vitest", () =>
    run(
      path.join(BIN, "vitest"),
      ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...filters],
      // The apps and tests connect as the app's role; the owner's and admin's URLs are there for
      // the few tests that make databases or check what the app's role may not do.
      { env: withOwner(env, services) },
    ),
  );
  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, "utf8"));
    passed = summary.numPassedTests;
    failed = summary.numFailedTests;
    if (summary.numTotalTests === 0) failedSteps.push("no tests ran");
  }
} catch (error) {
  log(`set-up failed: ${error.message}`);
  failedSteps.push("set-up");
} finally {
  if (services.startedLocal && !hadServices) stopServices();
}
// Each failed check that is not a vitest test (lint, types, build, set-up) counts as one failure.
failed += failedSteps.filter((s) => s !== "vitest").length;
if (failedSteps.length > 0) log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || failedSteps.length > 0 ? 1 : 0;
