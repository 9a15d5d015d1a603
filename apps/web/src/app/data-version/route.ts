import { currentDataVersion } from "@spm/db";
import { db } from "~/lib/db";
import { currentUser } from "~/lib/session";

export const dynamic = "force-dynamic";

/** The current data version, for pages that refresh themselves after an upload completes. */
export async function GET() {
  if (!(await currentUser()))
    return Response.json({ title: "Unauthorized", status: 401 }, { status: 401 });
  return Response.json(
    { version: await currentDataVersion(db()) },
    { headers: { "cache-control": "no-store" } },
  );
}
