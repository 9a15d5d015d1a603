import { findSessionUser, type Role, type User } from "@spm/db";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { BACKGROUND_COOKIE, isBackgroundRequest } from "./background-request";
import { db } from "./db";
import { SESSION_COOKIE, sessionPolicy } from "./session-cookie";

export { SESSION_COOKIE };

const RANK: Role[] = ["viewer", "steward", "manager", "admin"];

async function sessionUser(touch: boolean): Promise<User | null> {
  const id = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!id) return null;
  const found = await findSessionUser(db(), {
    id,
    policy: sessionPolicy(),
    now: new Date(),
    touch,
  });
  return found ?? null;
}

/**
 * The signed-in user of this request, or null (looked up once per request: layout and page ask).
 * A page's self-refresh and a prefetch find the user without counting as activity.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  const background = isBackgroundRequest(
    jar.get(BACKGROUND_COOKIE)?.value,
    head.get("next-router-prefetch"),
  );
  return sessionUser(!background);
});

/** The signed-in user for a background poll: never counts as activity, so idle sessions end. */
export const pollingUser = cache((): Promise<User | null> => sessionUser(false));

/** The signed-in user with at least `min` role; sends others to sign in (or to a 403 page). */
export async function requireUser(min: Role = "viewer"): Promise<User> {
  const user = await currentUser();
  if (!user) {
    const path = (await headers()).get("x-spm-path") ?? "/";
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  if (RANK.indexOf(user.role) < RANK.indexOf(min)) redirect("/forbidden");
  return user;
}
