import type { Kysely, Transaction } from "kysely";
import type { AuditEntry, Database } from "../database";

type Conn = Kysely<Database> | Transaction<Database>;

export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  ip?: string | null;
}

/** Who made a change: an actor id (`user:<id>`, `token:<id>`, `cli`), with the request it came in. */
export type Actor = string | { actor: string; requestId?: string | null; ip?: string | null };

/** The audit fields of an actor. */
export function actorFields(actor: Actor): {
  actor: string;
  requestId: string | null;
  ip: string | null;
} {
  return typeof actor === "string"
    ? { actor, requestId: null, ip: null }
    : { actor: actor.actor, requestId: actor.requestId ?? null, ip: actor.ip ?? null };
}

/** Appends one entry to the audit log, inside the caller's transaction. */
export async function recordAudit(db: Conn, entry: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: entry.requestId ?? null,
      ip: entry.ip ?? null,
    })
    .execute();
}

/** Lists audit entries, newest first, optionally for one entity. */
export async function listAudit(
  db: Conn,
  filter: { entityType?: string; entityId?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let q = db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100);
  if (filter.entityType) q = q.where("entity_type", "=", filter.entityType);
  if (filter.entityId) q = q.where("entity_id", "=", filter.entityId);
  return q.execute();
}
