import type { Database } from "@spm/db";
import type { ProgramDefinition } from "@spm/kpi";
import type { Transaction } from "kysely";
import type { PendingDelivery } from "../alerts/evaluate";

/** What an in-app notice and an e-mail about a returned unit carry (rendered at the edge). */
export interface ApprovalReturnedPayload {
  type: "approval";
  kind: "returned";
  program: { code: string; name: Record<string, string> };
  year: number;
  place: { code: string; name: Record<string, string> };
  comment: string;
  by: string;
  at: string;
  path: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user answerable for an actor: the user, or the user who created the token. */
async function answerableUser(
  trx: Transaction<Database>,
  actor: string | null,
): Promise<string | null> {
  const [kind, id = ""] = (actor ?? "").split(":", 2);
  if (!UUID.test(id)) return null;
  if (kind === "user") return id;
  if (kind !== "token") return null;
  const token = await trx
    .selectFrom("api_tokens")
    .select("created_by")
    .where("id", "=", id)
    .executeTakeFirst();
  return token?.created_by && UUID.test(token.created_by) ? token.created_by : null;
}

/**
 * Tells the steward who submitted a unit that it was returned, in-app and (with an address) by
 * e-mail, in the transaction that returns it; the e-mail row is delivered by the notify jobs.
 */
export async function noticeReturned(
  trx: Transaction<Database>,
  args: {
    program: ProgramDefinition;
    year: number;
    region: string;
    submittedBy: string | null;
    comment: string;
    by: string;
    at: Date;
  },
): Promise<PendingDelivery[]> {
  const userId = await answerableUser(trx, args.submittedBy);
  if (!userId) return [];
  const user = await trx
    .selectFrom("users")
    .select(["id", "email", "lang"])
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user) return [];
  const { program, year, region } = args;
  // People read a name, not an actor id (a token or source keeps its id).
  const byUser = /^user:[0-9a-f-]{36}$/i.test(args.by)
    ? await trx
        .selectFrom("users")
        .select(["username", "display_name"])
        .where("id", "=", args.by.slice(5))
        .executeTakeFirst()
    : undefined;
  const place =
    region === program.nation.code
      ? program.nation
      : (program.regions.find((r) => r.code === region) ?? { code: region, name: {} });
  const payload: ApprovalReturnedPayload = {
    type: "approval",
    kind: "returned",
    program: { code: program.code, name: program.name },
    year,
    place: { code: place.code, name: place.name },
    comment: args.comment,
    by: byUser ? (byUser.display_name ?? byUser.username) : args.by,
    at: args.at.toISOString(),
    path: `/approvals?program=${encodeURIComponent(program.code)}&year=${year}`,
  };
  const dedupe = `approval:${program.code}:${year}:${region}:${args.at.toISOString()}`;
  const base = {
    kind: "approval_returned" as const,
    alert_id: null,
    user_id: user.id,
    lang: user.lang,
    payload: JSON.stringify(payload),
  };
  const rows = [
    { ...base, dedupe_key: `${dedupe}:in_app`, channel: "in_app" as const, address: null },
    ...(user.email
      ? [
          {
            ...base,
            dedupe_key: `${dedupe}:email`,
            channel: "email" as const,
            address: user.email,
          },
        ]
      : []),
  ].map((r) => ({ ...r, status: r.channel === "in_app" ? "unread" : "pending" }) as const);
  const stored = await trx
    .insertInto("notifications")
    .values(rows)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning(["id", "channel"])
    .execute();
  return stored
    .filter((s) => s.channel === "email")
    .map((s) => ({ id: s.id, channel: "email" as const }));
}
