import { createDb, type Db } from "@spm/db";
import { env } from "../env";

const globalForDb = globalThis as unknown as { spmDb?: Db };

/** The process-wide database handle of the dashboard's server components. */
export function db(): Db {
  globalForDb.spmDb ??= createDb(env().DATABASE_URL, { max: 5 });
  return globalForDb.spmDb;
}
