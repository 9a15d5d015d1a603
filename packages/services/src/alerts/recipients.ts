import type { Database, NotificationChannel } from "@spm/db";
import type { AlertRule } from "@spm/kpi";
import type { Transaction } from "kysely";

/** One address a rule's notices go to, on one channel, in the reader's language. */
export interface Recipient {
  channel: NotificationChannel;
  userId: string | null;
  address: string | null;
  lang: string;
  /** May read confidential figures: only a user given the permission (an address has none). */
  confidential: boolean;
}

/** Who a rule reaches on each of its channels, each recipient once per channel. */
export async function resolveRecipients(
  trx: Transaction<Database>,
  rule: AlertRule,
): Promise<Recipient[]> {
  const { users = [], roles = [], addresses = [], webhooks = [] } = rule.recipients;
  const people =
    users.length + roles.length === 0
      ? []
      : await trx
          .selectFrom("users")
          .select(["id", "email", "lang", "confidential"])
          .where("disabled_at", "is", null)
          .where((eb) =>
            eb.or([
              ...(users.length > 0
                ? [
                    eb(
                      eb.fn("lower", ["username"]),
                      "in",
                      users.map((u) => u.toLowerCase()),
                    ),
                  ]
                : []),
              ...(roles.length > 0 ? [eb("role", "in", roles)] : []),
            ]),
          )
          .orderBy("username")
          .execute();
  const out: Recipient[] = [];
  const emailed = new Set<string>();
  for (const channel of rule.channels) {
    if (channel === "in_app") {
      for (const p of people)
        out.push({
          channel,
          userId: p.id,
          address: null,
          lang: p.lang,
          confidential: p.confidential,
        });
    } else if (channel === "email") {
      for (const p of people) {
        if (!p.email || emailed.has(p.email.toLowerCase())) continue;
        emailed.add(p.email.toLowerCase());
        out.push({
          channel,
          userId: p.id,
          address: p.email,
          lang: p.lang,
          confidential: p.confidential,
        });
      }
      for (const address of addresses) {
        if (emailed.has(address.toLowerCase())) continue;
        emailed.add(address.toLowerCase());
        out.push({ channel, userId: null, address, lang: rule.locale, confidential: false });
      }
    } else {
      for (const url of new Set(webhooks))
        out.push({ channel, userId: null, address: url, lang: rule.locale, confidential: false });
    }
  }
  return out;
}
