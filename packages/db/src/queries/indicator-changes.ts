import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

/** One changed field of a definition, as the history keeps it. */
export interface StoredFieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** The versions of the given indicators (an absent code has none). */
export async function findIndicatorVersions(
  db: Conn,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom("indicators")
    .select(["code", "version"])
    .where("code", "in", codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r.version]));
}

/**
 * Records a change of an indicator's definition and moves its version on by one, in the
 * caller's transaction; returns the new version.
 */
export async function storeIndicatorChange(
  trx: Transaction<Database>,
  change: {
    indicator: string;
    kind: "edit" | "import";
    actor: string;
    reason: string | null;
    changes: StoredFieldChange[];
  },
): Promise<number> {
  const { version } = await trx
    .updateTable("indicators")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("code", "=", change.indicator)
    .returning("version")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("indicator_changes")
    .values({
      indicator_code: change.indicator,
      version,
      kind: change.kind,
      actor: change.actor,
      reason: change.reason,
      changes: JSON.stringify(change.changes),
    })
    .execute();
  return version;
}

/** An indicator's definition history, newest first. */
export async function listIndicatorChanges(
  db: Conn,
  code: string,
  limit: number,
): Promise<
  {
    version: number;
    kind: "edit" | "import";
    actor: string;
    reason: string | null;
    changes: StoredFieldChange[];
    changedAt: Date;
  }[]
> {
  const rows = await db
    .selectFrom("indicator_changes")
    .select(["version", "kind", "actor", "reason", "changes", "changed_at"])
    .where("indicator_code", "=", code)
    .orderBy("version", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ changed_at, ...r }) => ({ ...r, changedAt: changed_at }));
}

/** The definition a programme's last imported file had, or undefined (never imported). */
export async function findImportedDefinition(db: Conn, program: string): Promise<unknown> {
  const row = await db
    .selectFrom("programs")
    .select("imported_definition")
    .where("code", "=", program)
    .executeTakeFirst();
  return row?.imported_definition ?? undefined;
}
