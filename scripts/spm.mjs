// `npm run spm -- <command>`: the command line, against the configured or local services.
import { appEnv, ensureDependencies, ensureServices, spm } from "./lib/setup.mjs";

ensureDependencies();
const services = ensureServices();
try {
  spm(process.argv.slice(2), appEnv(services));
} catch {
  process.exitCode = 1;
}
