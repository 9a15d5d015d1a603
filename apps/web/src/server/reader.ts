// What the dashboard's server needs to know of a request before it may answer from the page
// cache: a live session (checked as the pages check it), the reader's language, role and
// confidential permission (all the pages show of the reader: the name and unread count are filled
// in the browser), the data version.
import type { IncomingMessage } from "node:http";
import { currentDataVersion, findSessionUser, hasDemoData } from "@spm/db";
import { parse } from "cookie";
import { LOCALE_COOKIE, resolveLocale } from "../i18n";
import { db } from "../lib/db";
import { SESSION_COOKIE, sessionPolicy } from "../lib/session-cookie";
import type { ReaderInputs } from "./page-cache";

/** The signed-in reader of `req` and their language, or null (no session, or not a live one). */
export async function readerOf(
  req: IncomingMessage,
  now: Date,
): Promise<{ reader: ReaderInputs; locale: string } | null> {
  const cookies = parse(req.headers.cookie ?? "");
  const id = cookies[SESSION_COOKIE];
  if (!id) return null;
  // The version first: a page rendered after it holds figures at least this new.
  const dataVersion = await currentDataVersion(db());
  const user = await findSessionUser(db(), { id, policy: sessionPolicy(), now });
  if (!user) return null;
  const demo = await hasDemoData(db());
  const acceptLanguage = req.headers["accept-language"] ?? null;
  return {
    reader: {
      role: user.role,
      confidential: user.confidential,
      demo,
      dataVersion,
    },
    locale: resolveLocale(cookies[LOCALE_COOKIE], acceptLanguage),
  };
}
