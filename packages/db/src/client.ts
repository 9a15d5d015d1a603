import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database";

// numeric → number (indicator values fit a double); dates stay 'YYYY-MM-DD' strings (no TZ shift).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

// Each handle's pool, for the work that needs a connection of its own (COPY).
const pools = new WeakMap<Db, pg.Pool>();

/** Opens a Kysely handle on a pg pool for the given connection string. */
export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // A dropped connection (Postgres restarted, network cut) must not crash the process: idle
  // clients report on the pool, checked-out ones on themselves; their next query fails and the
  // caller's retry gets a fresh connection.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * Runs `fn` with one connection of the handle's pool, seen both as a Kysely handle (its
 * transactions run on that connection) and as the pg client (for COPY on the same transaction).
 */
export async function withOneConnection<T>(
  db: Db,
  fn: (one: Db, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const pool = pools.get(db);
  if (!pool) throw new Error("withOneConnection: a handle made by createDb is needed");
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    // Kysely releases its connection after each use: here the connection stays ours until the end.
    const held = {
      query: client.query.bind(client),
      release: () => {},
    } as unknown as pg.PoolClient;
    const only = { connect: async () => held, end: async () => {}, options: pool.options };
    const one = new Kysely<Database>({ dialect: new PostgresDialect({ pool: only }) });
    return await fn(one, client);
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-COPY is dropped rather than handed to the next caller.
    client.release(failure);
  }
}
