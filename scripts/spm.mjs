// `npm run spm -- <command>`: the command line, against the configured or local services.
import { appEnv, ensureDependencies, ensureServices, spm, withOwner } from "./lib/setup.mjs";

ensureDependencies();
const services = ensureServices();
try {
  const args = process.argv.slice(2);
  // Only migrations run as the schema's owner; every other command as the app's role.
  spm(args, args[0] === "migrate" ? withOwner(appEnv(services), services) : appEnv(services));
} catch {
  process.exitCode = 1;
}
