import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database";

// numeric → number (indicator values fit a double); dates stay 'YYYY-MM-DD' strings (no TZ shift).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

/** Opens a Kysely handle on a pg pool for the given connection string. */
export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // A dropped connection (Postgres restarted, network cut) must not crash the process: idle
  // clients report on the pool, checked-out ones on themselves; their next query fails and the
  // caller's retry gets a fresh connection.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
