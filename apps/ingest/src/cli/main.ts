// `npm run spm -- <command>`: administration from the command line. Results go to standard
// output (so scripts can capture them); messages and errors go to standard error.
import { createDb } from "@spm/db";
import { z } from "zod";
import { runDemo } from "./demo";
import { runProgramImport } from "./program";
import { runMigrate, runSeed } from "./setup";
import { runToken } from "./token";
import { runUpload } from "./upload";
import { runUserCreate } from "./user";

const cliEnv = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
    // The schema's owner, for migrations only; the apps' own connection when not given.
    MIGRATION_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SPM_DATA_DIR: z.string().default(".data"),
  })
  .parse(process.env);

const USAGE = `usage: spm <command>
  migrate                         apply database migrations as the schema's owner
                                  (MIGRATION_DATABASE_URL) and grant the app's role
                                  (DATABASE_URL) its rows
  seed [--no-admin]               load the seed programmes into an empty database and create the
                                  first admin (password printed once, kept in .data/admin-password)
  program import FILE [--force] [--dry-run]
                                  import or update a programme definition (YAML or JSON); fields
                                  managers edited since the last import are kept and listed as
                                  conflicts, --force takes the file's values; --dry-run lists
                                  what would be created, changed and retired and writes nothing
  user create --username U --role viewer|steward|manager|admin [--email E] [--lang ru|kk|en]
              [--regions KZ-ALA,...] [--agency CODE] [--confidential]   (password from standard input; leave
                                  --regions out for every region)
  token create --name N --role R [--regions ...] [--expires-days N (default 90, at most 365)]
               [--confidential]
                                  print a new API token (alone on standard output, once)
  token list | token revoke --id ID
  demo load | demo remove         synthetic 2018–2022 figures (labelled demo everywhere) / take them out
  upload FILE [--dry-run]         send a CSV/XLSX file to the API (token in SPM_TOKEN) and
                                  print the row report`;

const [command, ...rest] = process.argv.slice(2);
if (command === "upload") {
  // Goes through the API like any steward's script: no database access needed.
  await runUpload(rest).catch((error: Error) => {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  });
  process.exit();
}
if (command === "migrate") {
  await runMigrate(cliEnv.MIGRATION_DATABASE_URL ?? cliEnv.DATABASE_URL, cliEnv.DATABASE_URL).catch(
    (error: Error) => {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
  process.exit();
}
const db = createDb(cliEnv.DATABASE_URL, { max: 2 });
try {
  if (command === "seed") await runSeed(db, cliEnv.SPM_DATA_DIR, rest);
  else if (command === "program" && rest[0] === "import") await runProgramImport(db, rest.slice(1));
  else if (command === "user" && rest[0] === "create") await runUserCreate(db, rest.slice(1));
  else if (command === "token") await runToken(db, rest);
  else if (command === "demo") await runDemo(db, rest);
  else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = command ? 2 : 0;
  }
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
