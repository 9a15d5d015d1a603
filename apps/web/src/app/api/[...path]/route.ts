import type { NextRequest } from "next/server";
import { apiPath, forwardToApi, refusePath } from "~/lib/forward";

// The browser talks to one origin: /api/* is streamed to the ingest API (lib/forward.ts).
async function forward(req: NextRequest, ctx: { params: Promise<{ path: string[] }> }) {
  const { path } = await ctx.params;
  const target = apiPath(path);
  return typeof target === "string" ? forwardToApi(req, target) : refusePath(target);
}

export const GET = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const dynamic = "force-dynamic";
