import { randomBytes } from "node:crypto";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  countUsers,
  createUser,
  type Db,
  hashPassword,
  listPrograms,
  migrateAsOwner,
} from "@spm/db";
import { createShippedAlertRules, loadProgramFile } from "@spm/services";
import { importProgramFile } from "./program";

const SEED_DIR = fileURLToPath(new URL("../../../../packages/db/seed/", import.meta.url));

/** Migrates as the schema's owner and grants the app's role its rows (see migrateAsOwner). */
export async function runMigrate(ownerUrl: string, appUrl: string): Promise<void> {
  const ran = await migrateAsOwner(ownerUrl, appUrl);
  process.stderr.write(ran.length ? `migrated: ${ran.join(", ")}\n` : "database is up to date\n");
}

/**
 * Loads the seed programmes into an empty database and creates the first admin once. On a
 * database that has programmes, only the alert rules the seed files ship and the database lacks
 * are added (an upgrade brings new default rules; programme edits are never reverted).
 */
export async function runSeed(db: Db, dataDir: string, args: string[]): Promise<void> {
  const files = (await readdir(SEED_DIR)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  if ((await listPrograms(db)).length === 0) {
    for (const file of files) {
      if (!(await importProgramFile(db, path.join(SEED_DIR, file), "seed"))) {
        throw new Error(`seed file ${file} was refused`);
      }
    }
  } else {
    let added = 0;
    for (const file of files) {
      const loaded = await loadProgramFile(path.join(SEED_DIR, file));
      if (!loaded.ok) throw new Error(`seed file ${file} was refused`);
      added += await db
        .transaction()
        .execute((trx) => createShippedAlertRules(trx, loaded.definition, "seed"));
    }
    process.stderr.write(
      `programmes already loaded; seed skipped${added ? ` (${added} shipped alert rules added)` : ""}\n`,
    );
  }
  if (args.includes("--no-admin") || (await countUsers(db, "admin")) > 0) return;
  const password = randomBytes(12).toString("base64url");
  await createUser(
    db,
    { username: "admin", passwordHash: await hashPassword(password), role: "admin", lang: "en" },
    "seed",
  );
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, "admin-password");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  process.stdout.write(
    `First run: sign in as "admin" with password ${password} (also kept in ${file}).\n`,
  );
}
