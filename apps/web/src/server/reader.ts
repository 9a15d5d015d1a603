// What the dashboard's server needs to know of a request before it may answer from the page
// cache: a live session (checked as the pages check it), the reader's language, role and
// confidential permission (all the pages show of the reader: the name and unread count are filled
// in the browser), the data version.
import type { IncomingMessage } from "node:http";
import { findPageReader } from "@spm/db";
import { parse } from "cookie";
import { LOCALE_COOKIE, resolveLocale } from "../i18n";
import { BACKGROUND_COOKIE, isBackgroundRequest } from "../lib/background-request";
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
  // One statement: the version is read with the session, so a page rendered after this holds
  // figures at least this new. A page's own refresh or a prefetch is not the person's activity.
  const touch = !isBackgroundRequest(
    cookies[BACKGROUND_COOKIE],
    req.headers["next-router-prefetch"],
  );
  const found = await findPageReader(db(), { id, policy: sessionPolicy(), now, touch });
  if (!found.role) return null;
  const acceptLanguage = req.headers["accept-language"] ?? null;
  return {
    reader: {
      role: found.role,
      confidential: found.confidential,
      demo: found.demo,
      dataVersion: found.dataVersion,
    },
    locale: resolveLocale(cookies[LOCALE_COOKIE], acceptLanguage),
  };
}
