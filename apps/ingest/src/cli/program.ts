import type { Db } from "@spm/db";
import {
  formatDefinitionIssues,
  type ImportDiff,
  importProgram,
  loadProgramFile,
  ServiceError,
} from "@spm/services";

/** Imports one programme file and reports what changed; exits non-zero on a bad file. */
export async function importProgramFile(
  db: Db,
  file: string,
  actor: string,
  options: { force?: boolean; dryRun?: boolean } = {},
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
      `${result.dryRun ? "dry run, nothing written: " : ""}${result.code}: ${result.status} (${result.indicators} indicators` +
        `${result.retired.length ? `, retired ${result.retired.join(", ")}` : ""}; ` +
        `history: ${h.inserted} inserted, ${h.updated} updated, ${h.unchanged} unchanged)\n`,
    );
    if (result.dryRun) writeDiff(result.diff);
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

/** A dry run's diff, one line per indicator created, retired or field changed. */
function writeDiff(diff: ImportDiff): void {
  const json = (v: unknown) => JSON.stringify(v) ?? "(none)";
  for (const code of diff.created) process.stderr.write(`  + ${code}: created\n`);
  for (const code of diff.retired) process.stderr.write(`  - ${code}: retired\n`);
  for (const c of diff.program)
    process.stderr.write(`  ~ programme.${c.field}: ${json(c.before)} -> ${json(c.after)}\n`);
  for (const { indicator, changes } of diff.changed) {
    for (const c of changes)
      process.stderr.write(`  ~ ${indicator}.${c.field}: ${json(c.before)} -> ${json(c.after)}\n`);
  }
}

export async function runProgramImport(db: Db, args: string[]): Promise<void> {
  const flags = new Set(["--force", "--dry-run"]);
  const force = args.includes("--force");
  const dryRun = args.includes("--dry-run");
  const files = args.filter((a) => !flags.has(a));
  if (files.length === 0)
    throw new Error("usage: spm program import FILE [FILE...] [--force] [--dry-run]");
  for (const file of files) {
    if (!(await importProgramFile(db, file, "cli", { force, dryRun }))) process.exitCode = 1;
  }
}
