import {
  createSession,
  type Db,
  findUserById,
  findUserByUsername,
  recordAudit,
  revokeSession,
  type SessionPolicy,
  toPublicUser,
  verifyPassword,
} from "@spm/db";
import { isHttpsUrl } from "@spm/services";
import { parseCookie } from "cookie";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { LoginLimiter } from "../auth/login-limiter";
import { requireRole, SESSION_COOKIE } from "../auth/middleware";
import { HttpProblem } from "./problem";
import { parseBody } from "./validate";

export const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export interface AuthDeps {
  db: Db;
  policy: SessionPolicy;
  limiter: LoginLimiter;
  now: () => Date;
  /** The dashboard's address (APP_URL): https there makes every session cookie Secure. */
  appUrl?: string;
}

// Secure over https (ASVS 3.4.1): APP_URL https, or a trusted proxy's X-Forwarded-Proto
// (req.secure under "trust proxy"); the same rule decides HSTS on the dashboard.
function secureCookie(req: Request, deps: AuthDeps): boolean {
  return req.secure || isHttpsUrl(deps.appUrl);
}

function setSessionCookie(
  req: Request,
  res: Response,
  deps: AuthDeps,
  session: { id: string; expiresAt: Date },
): void {
  res.cookie(SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookie(req, deps),
    path: "/",
    expires: session.expiresAt,
  });
}

/** Sign-in, sign-out and the current principal. */
export function authRouter(deps: AuthDeps): Router {
  const router = Router();
  router.post("/auth/login", async (req, res) => {
    const { username, password } = parseBody(loginBody, req.body);
    const ip = req.ip ?? "unknown";
    const wait = await deps.limiter.attempt(username, ip);
    if (wait > 0) {
      res.setHeader("Retry-After", String(wait));
      throw new HttpProblem(
        429,
        "Too Many Requests",
        `too many failed sign-ins; try again in ${wait} s`,
        {
          retryAfter: wait,
        },
      );
    }
    const user = await findUserByUsername(deps.db, username);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at) {
      // Same answer whether or not the account exists.
      throw new HttpProblem(401, "Unauthorized", "wrong username or password");
    }
    await deps.limiter.recordSuccess(username, ip);
    // A fresh id at every sign-in (no fixation): a session id planted before is ended.
    const previous = parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE];
    if (previous) await revokeSession(deps.db, previous, deps.now());
    const session = await createSession(deps.db, {
      userId: user.id,
      policy: deps.policy,
      now: deps.now(),
      ip,
      userAgent: req.headers["user-agent"] ?? null,
    });
    await recordAudit(deps.db, {
      actor: `user:${user.id}`,
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      requestId: String(req.id),
      ip,
    });
    setSessionCookie(req, res, deps, session);
    res.json({ user: toPublicUser(user) });
  });

  router.post("/auth/logout", async (req, res) => {
    const id = parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE];
    if (id) await revokeSession(deps.db, id, deps.now());
    res.clearCookie(SESSION_COOKIE, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookie(req, deps),
    });
    res.status(204).end();
  });

  router.get("/auth/me", requireRole("viewer"), async (req, res) => {
    const p = req.principal;
    if (p?.kind === "user") {
      const user = await findUserById(deps.db, p.id);
      if (user) return void res.json({ kind: "user", user: toPublicUser(user) });
    }
    res.json({
      kind: p?.kind,
      token: {
        id: p?.id,
        name: p?.name,
        role: p?.role,
        regions: p?.regions,
        confidential: p?.confidential,
      },
    });
  });
  return router;
}
