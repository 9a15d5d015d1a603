import { currentDataVersion } from "@spm/db";
import { countUnread } from "@spm/services";
import { db } from "~/lib/db";
import { pollingUser } from "~/lib/session";

export const dynamic = "force-dynamic";

/**
 * The current data version (pages refresh themselves when it moves) and what the header shows
 * of the reader: name and unread notices (pages are cached per role, not per reader).
 */
export async function GET() {
  // Pages poll this every second: it must not keep an unattended session alive.
  const user = await pollingUser();
  if (!user) return Response.json({ title: "Unauthorized", status: 401 }, { status: 401 });
  const [version, unread] = await Promise.all([
    currentDataVersion(db()),
    countUnread(db(), user.id),
  ]);
  return Response.json(
    { version, reader: { name: user.display_name ?? user.username, unread } },
    { headers: { "cache-control": "no-store" } },
  );
}
