import type { Db } from "@spm/db";
import {
  formatDefinitionIssues,
  importProgram,
  loadProgramFile,
  ServiceError,
} from "@spm/services";

/** Imports one programme file and reports what changed; exits non-zero on a bad file. */
export async function importProgramFile(
  db: Db,
  file: string,
  actor: string,
  options: { force?: boolean } = {},
): Promise<boolean> {
  const loaded = await loadProgramFile(file);
  if (!loaded.ok) {
    process.stderr.write(
      `${file} is not a valid programme definition:\n${formatDefinitionIssues(loaded.issues)}\n`,
    );
    return false;
  }
  try {
    const result = await importProgram(db, loaded.definition, actor, options);
    const h = result.history;
    process.stderr.write(
      `${result.code}: ${result.status} (${result.indicators} indicators` +
        `${result.retired.length ? `, retired ${result.retired.join(", ")}` : ""}; ` +
        `history: ${h.inserted} inserted, ${h.updated} updated, ${h.unchanged} unchanged)\n`,
    );
    for (const c of result.conflicts) {
      const what = result.forced ? "overwritten with the file's" : "kept (managers changed it)";
      process.stderr.write(
        `  ${c.indicator}.${c.field}: ${what}: file ${JSON.stringify(c.fileValue) ?? "(none)"}, ` +
          `current ${JSON.stringify(c.currentValue) ?? "(none)"}\n`,
      );
    }
    if (result.conflicts.length > 0 && !result.forced)
      process.stderr.write("  import with --force to take the file's values\n");
    return true;
  } catch (error) {
    if (error instanceof ServiceError) {
      process.stderr.write(`${file}: ${error.message}\n`);
      return false;
    }
    throw error;
  }
}

export async function runProgramImport(db: Db, args: string[]): Promise<void> {
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length === 0) throw new Error("usage: spm program import FILE [FILE...] [--force]");
  for (const file of files) {
    if (!(await importProgramFile(db, file, "cli", { force }))) process.exitCode = 1;
  }
}
