import type { Db } from "@spm/db";
import {
  formatDefinitionIssues,
  importProgram,
  loadProgramFile,
  ServiceError,
} from "@spm/services";

/** Imports one programme file and reports what changed; exits non-zero on a bad file. */
export async function importProgramFile(db: Db, file: string, actor: string): Promise<boolean> {
  const loaded = await loadProgramFile(file);
  if (!loaded.ok) {
    process.stderr.write(
      `${file} is not a valid programme definition:\n${formatDefinitionIssues(loaded.issues)}\n`,
    );
    return false;
  }
  try {
    const result = await importProgram(db, loaded.definition, actor);
    const h = result.history;
    process.stderr.write(
      `${result.code}: ${result.status} (${result.indicators} indicators` +
        `${result.retired.length ? `, retired ${result.retired.join(", ")}` : ""}; ` +
        `history: ${h.inserted} inserted, ${h.updated} updated, ${h.unchanged} unchanged)\n`,
    );
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
  if (args.length === 0) throw new Error("usage: spm program import FILE [FILE...]");
  for (const file of args) {
    if (!(await importProgramFile(db, file, "cli"))) process.exitCode = 1;
  }
}
