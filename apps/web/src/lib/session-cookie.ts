import type { SessionPolicy } from "@spm/db";
import { env } from "../env";

// The ingest API sets this cookie at sign-in; the dashboard's pages and its server read it.
export const SESSION_COOKIE = "spm_session";
/** How long a session lives, idle and in all: the same for pages and the page cache. */
export function sessionPolicy(): SessionPolicy {
  return {
    idleMinutes: env().SESSION_IDLE_MINUTES,
    absoluteHours: env().SESSION_ABSOLUTE_HOURS,
  };
}
