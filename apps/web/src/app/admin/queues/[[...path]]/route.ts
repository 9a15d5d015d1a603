import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { forwardToApi, queueBoardPath, refusePath } from "~/lib/forward";
import { currentUser } from "~/lib/session";

// The queue board (Bull Board, read-only) of the ingest API, for admins, through this origin and
// at run time (API_URL), the API's network being internal. The API checks the role again.
async function forward(req: NextRequest, ctx: { params: Promise<{ path?: string[] }> }) {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent("/admin/queues")}`);
  if (user.role !== "admin") redirect("/forbidden");
  const { path = [] } = await ctx.params;
  const target = queueBoardPath(path);
  return typeof target === "string" ? forwardToApi(req, target) : refusePath(target);
}

export const GET = forward;
export const HEAD = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const dynamic = "force-dynamic";
